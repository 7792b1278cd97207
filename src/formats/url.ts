import {isIP} from 'node:net'

/** 127.0.0.0/8, ::1 and `localhost`: the only hosts a token goes to unless the user asked for the remote URL. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  // IPv4-mapped IPv6 loopback (::ffff:127.x.y.z, which URL() rewrites to hex groups ::ffff:7fxx:xxxx).
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h)
}

/** The URL without credentials, query or fragment: safe to print (a pasted URL may carry `?token=`). */
export function displayUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`
}
