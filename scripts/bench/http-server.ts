/**
 * Loopback HTTP server of the runtime section: answers every request with the
 * same prebuilt JSON body. Prints `PORT <n>` once listening; exits on SIGTERM
 * or when its stdin closes.
 *
 *   node --import tsx scripts/bench/http-server.ts '<json body>'
 */
import { createServer } from 'node:http';

const body = Buffer.from(process.argv[2] ?? '{}');
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop).resume();
