// The build failed on the lint error, named the rule and the file, and still wrote the SARIF report.
def log = new File(basedir, 'build.log').text
assert log.contains('create-index-non-concurrently')
assert log.contains('V2__index_accounts_by_email.sql')
assert log.contains('sluice lint: 1 error')
def sarif = new File(basedir, 'target/sluice/lint.sarif')
assert sarif.isFile()
def json = new groovy.json.JsonSlurper().parse(sarif)
assert json.runs[0].results.any { it.ruleId == 'create-index-non-concurrently' && it.level == 'error' }
return true
