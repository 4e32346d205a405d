#!/usr/bin/env node
// Reads the contract's AsyncAPI document with the official AsyncAPI parser (and its Avro schema parser, which
// validates every payload schema and converts it to JSON Schema), prints the channels and their messages, and
// exits 1 if the parser reports an error. Tools built on the same parser (generators, Studio) read it the same way.
//
//   npm ci
//   node inspect.js ../../asyncapi.yaml [--json]
'use strict';

const { Parser, fromFile, DiagnosticSeverity } = require('@asyncapi/parser');
const { AvroSchemaParser } = require('@asyncapi/avro-schema-parser');

async function main() {
  const [file, flag] = process.argv.slice(2);
  if (!file) throw new Error('usage: node inspect.js <asyncapi.yaml> [--json]');
  const parser = new Parser();
  parser.registerSchemaParser(AvroSchemaParser());
  const { document, diagnostics } = await fromFile(parser, file).parse();
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  const channels = document ? document.channels().all().map((channel) => ({
    address: channel.address(),
    messages: channel.messages().all().map((message) => ({
      name: message.name(),
      fields: Object.keys(message.payload().properties() || {}),
    })),
  })) : [];
  if (flag === '--json') {
    const report = {
      valid: Boolean(document) && errors.length === 0,
      version: document ? document.version() : null,
      diagnostics: diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, path: d.path })),
      channels,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const d of diagnostics) console.log(`diagnostic (severity ${d.severity}) ${d.code}: ${d.message}`);
    for (const channel of channels) {
      console.log(channel.address);
      for (const message of channel.messages) console.log(`  ${message.name} (${message.fields.join(', ')})`);
    }
  }
  if (!document || errors.length > 0) process.exit(1);
}

main().catch((e) => {
  console.error(`asyncapi-node: ${e.stack || e.message}`);
  process.exit(1);
});
