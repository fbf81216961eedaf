#!/usr/bin/python3
"""A client nobody on this project wrote, on the secured stack: librdkafka (python3-confluent-kafka) over SASL_SSL
and Confluent's SchemaRegistryClient over HTTPS with basic auth. Avro is written and read with python3-avro in the
Confluent framing (magic byte 0, 4-byte schema id), as Confluent's AvroSerializer would (it needs fastavro, which
Debian does not package).

  produce CLIENT_PROPERTIES CA_PEM TOPIC TICKS_CSV   publishes the ticks; prints how many
  finals  CLIENT_PROPERTIES CA_PEM TOPIC COUNT       reads COUNT FINAL reactions, prints each as a JSON line
"""
import csv
import io
import json
import re
import struct
import sys
from datetime import datetime

import avro.io
import avro.schema
from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient


def java_properties(path):
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                props[key.strip()] = value.strip()
    return props


def kafka_config(props, ca):
    jaas = props["sasl.jaas.config"]
    return {
        "bootstrap.servers": props["bootstrap.servers"],
        "security.protocol": "SASL_SSL",
        "sasl.mechanisms": props["sasl.mechanism"],
        "sasl.username": re.search(r'username="([^"]*)"', jaas).group(1),
        "sasl.password": re.search(r'password="([^"]*)"', jaas).group(1),
        "ssl.ca.location": ca,
    }


def registry(props, ca):
    return SchemaRegistryClient({
        "url": props["schema.registry.url"],
        "basic.auth.user.info": props["basic.auth.user.info"],
        "ssl.ca.location": ca,
    })


def produce(props, ca, topic, ticks_csv):
    sr = registry(props, ca)
    subject = topic + "-value"
    latest = sr.get_latest_version(subject)  # the schema setup registered, fetched by subject
    schema_id = sr.register_schema(subject, Schema(latest.schema.schema_str, "AVRO"))  # the same: its id again
    assert schema_id == latest.schema_id, (schema_id, latest.schema_id)
    schema = avro.schema.parse(latest.schema.schema_str)
    writer = avro.io.DatumWriter(schema)
    config = kafka_config(props, ca)
    config.update({"partitioner": "murmur2_random", "enable.idempotence": True, "linger.ms": 20})
    producer = Producer(config)
    failures = []
    sent = 0
    with open(ticks_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            when = datetime.fromisoformat(row["ts"].replace("Z", "+00:00"))
            ts = round(when.timestamp() * 1000)
            buf = io.BytesIO()
            buf.write(struct.pack(">bI", 0, schema_id))
            writer.write({"symbol": row["symbol"], "ts": when, "price": float(row["price"]),
                          "size": float(row["size"]), "venue": row.get("venue") or None,
                          "tradeId": row.get("tradeId") or None, "action": row.get("action") or "TRADE",
                          "amends": row.get("amends") or None}, avro.io.BinaryEncoder(buf))
            while True:
                try:
                    producer.produce(topic, key=row["symbol"].encode(), value=buf.getvalue(), timestamp=ts,
                                     on_delivery=lambda err, msg: failures.append(str(err)) if err else None)
                    break
                except BufferError:
                    producer.poll(0.1)  # the local queue is full: let deliveries drain it
            sent += 1
            producer.poll(0)
    producer.flush(60)
    if failures:
        sys.exit("delivery failed: " + failures[0])
    print(sent)


def finals(props, ca, topic, count):
    sr = registry(props, ca)
    readers = {}
    config = kafka_config(props, ca)
    config.update({"group.id": "interop-secure", "auto.offset.reset": "earliest",
                   "isolation.level": "read_committed", "enable.auto.commit": False})
    consumer = Consumer(config)
    consumer.subscribe([topic])
    seen = 0
    idle = 0
    while seen < count and idle < 120:
        msg = consumer.poll(1.0)
        if msg is None:
            idle += 1
            continue
        if msg.error():
            sys.exit("consume failed: " + str(msg.error()))
        idle = 0
        value = msg.value()
        if value is None:
            continue  # an end-of-input marker
        magic, schema_id = struct.unpack(">bI", value[:5])
        if schema_id not in readers:  # fetched by id, over HTTPS with basic auth
            readers[schema_id] = avro.io.DatumReader(avro.schema.parse(sr.get_schema(schema_id).schema_str))
        r = readers[schema_id].read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))
        if r["status"] == "FINAL":
            seen += 1
            print(json.dumps({"newsId": r["newsId"], "ticker": r["ticker"], "horizon": r["horizon"],
                              "rawReturn": r["rawReturn"], "abnormalReturn": r["abnormalReturn"]},
                             sort_keys=True))
    consumer.close()
    if seen < count:
        sys.exit(f"read {seen} FINAL reactions of {count} before the topic went quiet for two minutes")


if __name__ == "__main__":
    command, props, ca, topic, arg = sys.argv[1:6]
    if command == "produce":
        produce(java_properties(props), ca, topic, arg)
    else:
        finals(java_properties(props), ca, topic, int(arg))
