/** A dotted-quad IPv4 address, as node:net's isIPv4 reads one (here without loading node:net: doctor needs no socket). */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/

/** 127.0.0.0/8, ::1 and `localhost`: the only hosts a token goes to unless the user asked for the remote URL. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  if (IPV4.test(h)) return h.startsWith('127.')
  // IPv4-mapped IPv6 loopback (::ffff:127.x.y.z, which URL() rewrites to hex groups ::ffff:7fxx:xxxx).
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h)
}

/** The URL without credentials, query or fragment: safe to print (a pasted URL may carry `?token=`). */
export function displayUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`
}
