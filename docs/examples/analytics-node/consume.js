#!/usr/bin/env node
// An analytics consumer written only against the published contract: it reads every lucid.*.events topic from
// the beginning with kafkajs, decodes each value through the schema registry with
// @kafkajs/confluent-schema-registry (Confluent wire format: magic byte, 4-byte schema id, Avro binary), prints a
// few decoded events and the number of records per type, and stops once it has read what the topics held when it
// started. A record it cannot decode stops it with an error naming schema id, topic, partition and offset.
//
//   npm ci
//   node consume.js --bootstrap localhost:9092 --registry http://localhost:8081
//
// Options: --topics <regex> (default: the six domain topics, ^lucid\.(pairing|session|rdp|node|poot|payout)\.events$;
// derived topics such as lucid.pool.events are written in Kafka transactions and end with a commit marker that is
// never delivered, so "read up to the end offset" does not apply to them), --samples <n> per type (default 2),
// --json (one JSON line per record instead of the report), --timeout-ms <n> (default 120000).
'use strict';

const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const crypto = require('crypto');

function parseArgs(argv) {
  const options = {
    bootstrap: 'localhost:9092',
    registry: 'http://localhost:8081',
    topics: '^lucid\\.(pairing|session|rdp|node|poot|payout)\\.events$',
    samples: 2,
    json: false,
    timeoutMs: 120000,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--bootstrap': options.bootstrap = value(); break;
      case '--registry': options.registry = value(); break;
      case '--topics': options.topics = value(); break;
      case '--samples': options.samples = Number(value()); break;
      case '--timeout-ms': options.timeoutMs = Number(value()); break;
      case '--json': options.json = true; break;
      case '--help':
        console.log('usage: node consume.js [--bootstrap host:port] [--registry url] [--topics regex] [--samples n] [--json] [--timeout-ms n]');
        process.exit(0);
        break;
      default: throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

// Avro bytes decode to Buffers and longs beyond 2^53 would lose precision as numbers: print both losslessly.
function toJson(value) {
  return JSON.stringify(value, (key, v) => {
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) return Buffer.from(v.data).toString('base64');
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}

function headersOf(message) {
  const headers = {};
  for (const [name, value] of Object.entries(message.headers || {})) {
    headers[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return headers;
}

/** The end offsets of every partition that holds records now: reading up to them means "everything so far". */
async function endOffsets(admin, topics) {
  const remaining = new Map();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const high = Number(p.high);
      if (high > Number(p.low)) remaining.set(`${topic}:${p.partition}`, high - 1);
    }
  }
  return remaining;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const kafka = new Kafka({
    clientId: 'lucid-analytics-node',
    brokers: options.bootstrap.split(','),
    logLevel: logLevel.ERROR,
  });
  const registry = new SchemaRegistry({ host: options.registry });
  const pattern = new RegExp(options.topics);

  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((name) => pattern.test(name)).sort();
  const remaining = await endOffsets(admin, topics);
  await admin.disconnect();

  const counts = new Map();
  const samples = [];
  let total = 0;
  let failure = null;

  if (remaining.size > 0) {
    // A fresh group every run: the report always starts from the beginning.
    const consumer = kafka.consumer({ groupId: `lucid-analytics-node-${crypto.randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    let finish;
    const finished = new Promise((resolve) => { finish = resolve; });
    const timer = setTimeout(() => {
      failure = new Error(`timed out after ${options.timeoutMs} ms with ${remaining.size} partitions unread`);
      finish();
    }, options.timeoutMs);

    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (failure) return;
        const offset = Number(message.offset);
        const position = `${topic}:${partition}`;
        try {
          if (message.value === null) {
            counts.set('(tombstone)', (counts.get('(tombstone)') || 0) + 1);
          } else {
            const schemaId = message.value.length >= 5 ? message.value.readInt32BE(1) : -1;
            let type;
            let value;
            try {
              type = (await registry.getSchema(schemaId)).name;
              value = await registry.decode(message.value);
            } catch (e) {
              throw new Error(`cannot decode the record at ${topic}-${partition} offset ${offset} `
                + `(schema id ${schemaId}): ${e.message}`);
            }
            total++;
            counts.set(type, (counts.get(type) || 0) + 1);
            const record = {
              topic, partition, offset, key: message.key && message.key.toString('utf8'),
              type, headers: headersOf(message), value,
            };
            if (options.json) {
              process.stdout.write(`${toJson(record)}\n`);
            } else if (samples.filter((s) => s.type === type).length < options.samples) {
              samples.push(record);
            }
          }
        } catch (e) {
          failure = e;
          finish();
          return;
        }
        if (remaining.has(position) && offset >= remaining.get(position)) remaining.delete(position);
        if (remaining.size === 0) finish();
      },
    });
    await finished;
    clearTimeout(timer);
    await consumer.disconnect();
  }

  if (failure) throw failure;
  if (!options.json) {
    console.log(`Read ${total} records from ${topics.length} topics: ${topics.join(', ')}`);
    console.log('\nSample events:');
    for (const s of samples) {
      console.log(`  ${s.topic}-${s.partition}@${s.offset} key=${s.key} ${s.type}`);
      console.log(`    ${toJson(s.value)}`);
    }
    console.log('\nRecords per type:');
    for (const [type, count] of [...counts.entries()].sort()) {
      console.log(`  ${String(count).padStart(8)}  ${type}`);
    }
  } else {
    process.stdout.write(`${toJson({ summary: { total, topics, counts: Object.fromEntries(counts) } })}\n`);
  }
}

main().catch((e) => {
  console.error(`analytics-node: ${e.message}`);
  process.exit(1);
});
