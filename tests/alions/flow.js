'use strict';
// Drives mqnamesrv + mqbroker with the unchanged npm client ali-ons, for
// tests/broker_alions_test.cc. Prints one line per event on stdout:
//   SENT <msgId> <tag> <key>            (produce)
//   RECV <msgId> <tag> <key> <reconsumeTimes> <bornTimestamp> <storeTimestamp>   (consume)
//   DONE <count>
// Usage:
//   node flow.js produce <nameSrv> <topic> <count> <keyPrefix> [delayTimeLevel]
//   node flow.js consume <nameSrv> <topic> <group> <subExpression> <expected> <timeoutMs> [failFirst]
const { Producer, Consumer, Message } = require('ali-ons');

// ali-ons asks for an HTTP client to find name servers; with nameSrv given it never uses it.
const httpclient = { request() { throw new Error('no address server in tests'); } };
const quietLogger = { info() {}, debug() {}, warn(...a) { console.error(...a); }, error(...a) { console.error(...a); } };
const fast = { pollNameServerInteval: 1000, heartbeatBrokerInterval: 2000, rebalanceInterval: 1000,
  persistConsumerOffsetInterval: 1000 };

async function produce(nameSrv, topic, count, keyPrefix, delayTimeLevel) {
  const producer = new Producer({ httpclient, nameSrv: [ nameSrv ], producerGroup: 'AlionsProducer',
    logger: quietLogger, ...fast });
  await producer.ready();
  for (let i = 0; i < count; i++) {
    const tag = i % 2 === 0 ? 'TagA' : 'TagB';
    const key = `${keyPrefix}-${i}`;
    const msg = new Message(topic, tag, `body-${key}`);
    msg.keys = [ key ];
    if (delayTimeLevel > 0) msg.delayTimeLevel = delayTimeLevel;
    const result = await producer.send(msg);
    if (result.sendStatus !== 'SEND_OK') throw new Error(`send ${key}: ${result.sendStatus}`);
    console.log(`SENT ${result.msgId} ${tag} ${key}`);
  }
  await producer.close();
  console.log(`DONE ${count}`);
}

async function consume(nameSrv, topic, group, subExpression, expected, timeoutMs, failFirst) {
  const consumer = new Consumer({ httpclient, nameSrv: [ nameSrv ], consumerGroup: group, logger: quietLogger,
    consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET', ...fast });
  const seen = new Set();
  const failed = new Set();
  let finish;
  const finished = new Promise(resolve => { finish = resolve; });
  consumer.subscribe(topic, subExpression, async msg => {
    const key = msg.keys;
    console.log(`RECV ${msg.msgId} ${msg.tags} ${key} ${msg.reconsumeTimes} ${msg.bornTimestamp} ${msg.storeTimestamp}`);
    if (failFirst && !failed.has(key)) {
      failed.add(key);
      return Consumer.ACTION_RETRY;
    }
    seen.add(key);
    if (seen.size >= expected) finish();
  });
  consumer.on('error', err => console.error(`consumer error: ${err.message}`));
  const timer = setTimeout(finish, timeoutMs);
  await finished;
  clearTimeout(timer);
  // Linger so that anything delivered beyond the expected set shows up too, then commit.
  await new Promise(resolve => setTimeout(resolve, 1500));
  await consumer.close();
  console.log(`DONE ${seen.size}`);
}

(async () => {
  const [ mode, ...args ] = process.argv.slice(2);
  if (mode === 'produce') {
    await produce(args[0], args[1], Number(args[2]), args[3], Number(args[4] || 0));
  } else if (mode === 'consume') {
    await consume(args[0], args[1], args[2], args[3], Number(args[4]), Number(args[5]), args[6] === 'failFirst');
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.exit(0);
})().catch(err => {
  console.error(err);
  process.exit(1);
});
