#!/usr/bin/env bash
# What SASL/SCRAM-SHA-512 costs Kafka itself: the stack's Kafka 4.0 broker (one KRaft node, on
# 127.0.0.1:29092/29093, with no other stack running) started fresh for each run, PLAINTEXT or
# SASL_PLAINTEXT with the StandardAuthorizer, and ProducerPerformance sending 500,000 records of
# 500 bytes with the ingest API's producer settings; three alternating rounds.
# Needs the stack's Kafka jars: mvn -B -q -DskipTests package (bin/canopy up builds them too).
# Results: docs/benchmarks.md#kafka-with-sasl.
set -uo pipefail
CP="$(cd "$(dirname "$0")/../kafka-runtime/target/lib" && pwd)/*"
AB=$(mktemp -d)
trap 'rm -rf "$AB"' EXIT
common() { cat <<X
node.id=1
process.roles=broker,controller
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:29093
log.dirs=$AB/data-$1
num.partitions=2
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=false
X
}
start() { # $1 mode
  rm -rf $AB/data-$1
  common $1 > $AB/$1.properties
  if [ $1 = plain ]; then cat >> $AB/$1.properties <<X
listeners=PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093
advertised.listeners=PLAINTEXT://127.0.0.1:29092
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
X
  printf 'bootstrap.servers=127.0.0.1:29092\n' > $AB/client-$1.properties
  java -cp "$CP" kafka.tools.StorageTool format -t AAAAAAAAAAAAAAAAAAAAAA -c $AB/$1.properties --standalone >/dev/null 2>&1
  else cat >> $AB/$1.properties <<X
listeners=CLIENT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093
advertised.listeners=CLIENT://127.0.0.1:29092
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=CLIENT
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="pw" user_admin="pw";
listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
X
  printf 'bootstrap.servers=127.0.0.1:29092\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="pw";\n' > $AB/client-$1.properties
  java -cp "$CP" kafka.tools.StorageTool format -t AAAAAAAAAAAAAAAAAAAAAA -c $AB/$1.properties --standalone --add-scram 'SCRAM-SHA-512=[name=admin,password=pw]' >/dev/null 2>&1
  fi
  java -Xms256m -Xmx512m -XX:+UseG1GC -cp "$CP" kafka.Kafka $AB/$1.properties > $AB/kafka-$1.log 2>&1 &
  echo $! > $AB/pid
  for i in $(seq 1 60); do java -cp "$CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:29092 --command-config $AB/client-$1.properties --create --topic canopy-ab --partitions 2 --replication-factor 1 >/dev/null 2>&1 && break; sleep 1; done
}
perf() { java -Xmx512m -cp "$CP" org.apache.kafka.tools.ProducerPerformance --topic canopy-ab --num-records 500000 --record-size 500 --throughput -1 --producer.config $AB/client-$1.properties --producer-props acks=all enable.idempotence=true linger.ms=5 batch.size=262144 compression.type=lz4 2>/dev/null | tail -1 | sed 's/^/  /'; }
for round in 1 2 3; do for mode in plain sasl; do start $mode; echo "round $round $mode"; perf $mode; kill $(cat $AB/pid); wait $(cat $AB/pid) 2>/dev/null; sleep 2; done; done
