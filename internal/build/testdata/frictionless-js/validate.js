// Validate a built site's datapackage.json with the Frictionless JS library:
// the descriptor against its profile, then every row of every resource cast
// against its Table Schema (types, constraints, primary and foreign keys).
const {Package} = require('datapackage')
const path = require('path')
async function main(dir) {
  const pkg = await Package.load(path.join(dir, 'datapackage.json'), {basePath: dir, strict: false})
  let bad = 0
  if (!pkg.valid) { bad++; console.log('descriptor invalid:', pkg.errors.map(e => e.message)) }
  for (const r of pkg.resources) {
    if (!r.valid) { bad++; console.log(r.name, 'resource invalid:', r.errors.map(e => e.message)); continue }
    try {
      const rows = await r.read({relations: true, forceCast: false})
      const t = await r.table
      const hdr = t.headers
      console.log(`${r.name}: ${rows.length} rows ok; headers ${JSON.stringify(hdr)}`)
    } catch (e) {
      bad++
      console.log(r.name, 'ERROR', e.message, (e.errors || []).map(x => x.message))
    }
  }
  console.log(bad ? `FAILED: ${bad}` : 'all valid')
  process.exit(bad ? 1 : 0)
}
main(process.argv[2]).catch(e => { console.log('crash', e); process.exit(2) })
