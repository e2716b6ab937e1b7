// Starts CongoDB on 127.0.0.1:PORT (in memory), prints "listening PORT", and runs until stdin closes.
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';

const port = Number(process.argv[2] ?? 0);
const server = new CongoServer({ port, host: '127.0.0.1', storage: 'memory' });
await server.start();
process.stdout.write(`listening ${port}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
