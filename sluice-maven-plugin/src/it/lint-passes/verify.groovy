// The settings map turned the rule down to a warning: the finding is reported, the build passes.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] ') && log.contains('create-index-non-concurrently')
assert log.contains('sluice lint: 0 errors, 1 warning in 2 files')
assert log.contains('src/main/resources/db/migration')   // the default folder
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/sluice/lint.sarif'))
assert json.runs[0].results.size() == 1
assert json.runs[0].results[0].level == 'warning'
return true
