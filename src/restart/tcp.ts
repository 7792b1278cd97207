import {connect} from 'node:net'

/** True when something accepts a TCP connection on 127.0.0.1:port within timeoutMs. */
export function tcpAccepts(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({host: '127.0.0.1', port})
    const done = (ok: boolean) => {
      sock.destroy()
      resolve(ok)
    }
    sock.setTimeout(timeoutMs, () => done(false))
    sock.once('connect', () => done(true))
    // ECONNREFUSED is the normal answer while the gateway is still starting.
    sock.once('error', () => done(false))
  })
}
