// migrate applied both migrations; drift rebuilt them on a scratch server and found the live schema the same.
def log = new File(basedir, 'build.log').text
assert log.contains('applied 2 migrations; database now at version 2 (was empty)')
assert log.contains('rebuilding the migrations on ')
assert log.contains('no drift: the schema is what the migrations up to version 2 produce; fingerprint ')
return true
