import {writtenTokenCopies} from '../model/copies.js'
import {defineCheck} from '../model/finding.js'
import {makeFinding, syncFix} from './util.js'

export const tokenWhitespace = defineCheck({
  id: 'token.whitespace',
  title: 'No token has leading or trailing whitespace',
  section: 'tokens',
  tokenGroup: true,
  run({facts}) {
    return writtenTokenCopies(facts)
      .filter((c) => c.value.hasOuterWhitespace)
      .map((c) => {
        // The server compares untrimmed; every client trims. A padded server-side copy can never match.
        const serverSide = c.id === 'config.auth.token' || c.id === 'unit.exec-start'
        return makeFinding(
          serverSide ? 'error' : 'warning',
          serverSide
            ? `${c.label} has leading or trailing whitespace: the server compares it untrimmed while every client trims, so it is a permanent token mismatch ` +
              `although the file looks right.`
            : `${c.label} has leading or trailing whitespace (clients trim it, but it is a trap if it is ever copied to the server side).`,
          {copies: [c], fix: syncFix(facts, 'Rewrite the value without whitespace.')},
        )
      })
  },
})
