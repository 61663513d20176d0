// No URL and no <embedded>true</embedded>: a build error that says how to give one; no database started.
def log = new File(basedir, 'build.log').text
assert log.contains('no database URL configured')
assert !log.contains('using the embedded database')
assert !new File(basedir, '.sluice').exists()
return true
