// migrate announced the embedded database, applied both migrations; status then saw version 2.
def log = new File(basedir, 'build.log').text
assert log.contains('no database URL configured: using the embedded database in')
assert log.contains('applied 2 migrations; database now at version 2 (was empty)')
assert log.contains('current version: 2; pending: 0; failed: 0')
return true
