package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ShownAnswerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean shows(String comment, String answer) throws Exception {
    return ShownAnswer.of(comment).orElseThrow().matches(JSON.readTree(answer));
  }

  @Test
  void onlyCommentsThatLookLikeAnswersAreShownAnswers() {
    assertThat(ShownAnswer.of("# {\"accepted\":1}")).isPresent();
    assertThat(ShownAnswer.of("  # [1, 2]")).isPresent();
    assertThat(ShownAnswer.of("# 404")).isPresent();
    assertThat(ShownAnswer.of("# a few seconds later")).isEmpty();
    assertThat(ShownAnswer.of("# 202 {\"interval\":\"…\"}")).isEmpty();
    assertThat(ShownAnswer.of("curl -s \"$CANOPY_URL\"   # {\"a\":1}")).isEmpty();
    assertThat(ShownAnswer.of("#{\"a\":1}")).isEmpty();
  }

  @Test
  void aCommentThatLooksLikeAnAnswerButIsNoJsonIsAnError() {
    assertThatThrownBy(() -> ShownAnswer.of("# {\"slug\":\"acme\",…,\"status\":\"deleted\","))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ShownAnswer.of("# [{\"tenant\":\"default\"}]   only its own rows"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void withoutEllipsesTheAnswerIsExactlyWhatIsShown() throws Exception {
    assertThat(shows("# {\"accepted\":2,\"rejected\":[]}", "{\"rejected\":[],\"accepted\":2}"))
        .isTrue();
    assertThat(shows("# {\"accepted\":2,\"rejected\":[]}", "{\"accepted\":1,\"rejected\":[]}"))
        .isFalse();
    assertThat(shows("# {\"accepted\":2}", "{\"accepted\":2,\"rejected\":[]}")).isFalse();
    assertThat(shows("# [1,2]", "[1,2,3]")).isFalse();
    assertThat(shows("# [1,2]", "[2,1]")).isFalse();
    assertThat(shows("# {\"a\":\"x\"}", "{\"a\":\"y\"}")).isFalse();
    assertThat(shows("# {\"a\":null}", "{}")).isFalse();
  }

  @Test
  void numbersMatchByValue() throws Exception {
    assertThat(shows("# {\"users\":1.0}", "{\"users\":1}")).isTrue();
    assertThat(shows("# {\"users\":1}", "{\"users\":1.5}")).isFalse();
    assertThat(shows("# {\"users\":1}", "{\"users\":\"1\"}")).isFalse();
    assertThat(shows("# 404", "404")).isTrue();
    assertThat(shows("# 404", "200")).isFalse();
  }

  @Test
  void anEllipsisValueIsAnyValueButTheMemberMustBeThere() throws Exception {
    assertThat(shows("# {\"id\":\"…\",\"n\":…}", "{\"id\":\"k-1\",\"n\":[1]}")).isTrue();
    assertThat(shows("# {\"id\":\"…\",\"n\":…}", "{\"id\":\"k-1\"}")).isFalse();
  }

  @Test
  void anEllipsisInAStringIsAnyCharacters() throws Exception {
    assertThat(shows("# {\"key\":\"cnp_…_…\"}", "{\"key\":\"cnp_Ab3_x-y_z\"}")).isTrue();
    assertThat(shows("# {\"key\":\"cnp_…_…\"}", "{\"key\":\"key_Ab3_xyz\"}")).isFalse();
    assertThat(shows("# {\"key\":\"cnp_…\"}", "{\"key\":7}")).isFalse();
    assertThat(shows("# {\"e\":\"…over its quota (a.b)…\"}", "{\"e\":\"x over its quota (a.b)\"}"))
        .isTrue();
    assertThat(shows("# {\"e\":\"…over its quota (a.b)…\"}", "{\"e\":\"over its quota (aXb)\"}"))
        .isFalse();
  }

  @Test
  void anEllipsisMemberLeavesAnObjectOpen() throws Exception {
    String shown = "# {\"slug\":\"acme\",…,\"status\":\"deleted\"}";
    assertThat(shows(shown, "{\"slug\":\"acme\",\"name\":\"A\",\"status\":\"deleted\"}")).isTrue();
    assertThat(shows(shown, "{\"slug\":\"acme\",\"status\":\"active\"}")).isFalse();
    assertThat(shows("# {…}", "{\"a\":1}")).isTrue();
    assertThat(shows("# {\"a\":{\"b\":1,…}}", "{\"a\":{\"b\":1,\"c\":2}}")).isTrue();
    assertThat(shows("# {\"a\":{\"b\":1,…}}", "{\"a\":{\"b\":1,\"c\":2},\"d\":3}")).isFalse();
  }

  @Test
  void aTrailingEllipsisLeavesAnArrayOpenAtItsEnd() throws Exception {
    assertThat(shows("# [{\"page\":\"…\"}, …]", "[{\"page\":\"/\"},{\"page\":\"/a\"}]")).isTrue();
    assertThat(shows("# [{\"page\":\"…\"}, …]", "[]")).isFalse();
    assertThat(shows("# {\"numbers\":[…]}", "{\"numbers\":[]}")).isTrue();
    assertThat(shows("# {\"numbers\":[…]}", "{\"numbers\":{}}")).isFalse();
    assertThat(shows("# [1, …]", "[2, 1]")).isFalse();
  }

  @Test
  void ellipsesInsideStringsAndEscapesAreLeftAlone() {
    assertThat(ShownAnswer.withEllipsesQuoted("{\"a\":\"x\\\"…\",…}"))
        .isEqualTo("{\"a\":\"x\\\"…\",\"…\":\"…\"}");
    assertThat(ShownAnswer.withEllipsesQuoted("[{\"a\":…},…]")).isEqualTo("[{\"a\":\"…\"},\"…\"]");
  }

  @Test
  void anErrorAnswerIsOneWithAnErrorMember() {
    assertThat(
            ShownAnswer.of("# {\"error\":\"…\",\"field\":\"range.start\"}").orElseThrow().isError())
        .isTrue();
    assertThat(ShownAnswer.of("# [{\"error\":\"…\"}]").orElseThrow().isError()).isFalse();
  }

  @Test
  void aShownAnswerPrintsAsItIsShown() {
    assertThat(ShownAnswer.of("# {\"a\":…}").orElseThrow()).hasToString("{\"a\":…}");
  }
}
