package io.canopy.stack.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one component: the command, its working directory, extra environment and the log file
 * that receives its stdout and stderr.
 */
public record ProcessSpec(
    List<String> command, Path workingDir, Map<String, String> environment, Path log) {}
