/**
 * Free loopback ports for servers that tests start (Kamailio, sipp, stand-ins). The OS picks a port
 * by binding to 0; we release it at once and hand the number over. Another process could take it in
 * between, which is rare enough on a test machine; callers that start a server should still fail loudly.
 */
import net from 'node:net';
import dgram from 'node:dgram';

export type PortKind = 'tcp' | 'udp';

export function freePort(kind: PortKind): Promise<number> {
  return kind === 'tcp' ? freeTcpPort() : freeUdpPort();
}

/** A port free for both UDP and TCP: SIP servers listen on both with the same number. */
export async function freeSharedPort(attempts = 20): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = await freeTcpPort();
    if (await udpPortIsFree(port)) return port;
  }
  throw new Error(`No port free for both TCP and UDP after ${attempts} attempts`);
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No TCP port assigned'))));
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.unref();
    socket.once('error', reject);
    socket.bind({ address: '127.0.0.1', port: 0 }, () => {
      const port = socket.address().port;
      socket.close(() => resolve(port));
    });
  });
}

function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.unref();
    socket.once('error', () => resolve(false));
    socket.bind({ address: '127.0.0.1', port }, () => socket.close(() => resolve(true)));
  });
}
