// verify ran its checks on a throwaway PostgreSQL and wrote a JUnit report without failures.
def log = new File(basedir, 'build.log').text
assert log.contains('sluice verify passed')
def junit = new File(basedir, 'target/sluice/TEST-sluice-verify.xml')
assert junit.isFile()
def suite = new groovy.xml.XmlSlurper().parse(junit)
assert suite.name() == 'testsuite' || suite.name() == 'testsuites'
assert suite.'**'.findAll { it.name() == 'testcase' }.size() > 0
assert suite.'**'.findAll { it.name() == 'failure' || it.name() == 'error' }.isEmpty()
return true
