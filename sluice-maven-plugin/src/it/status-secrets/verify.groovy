// The connection failed and the build says where, but neither the URL's password nor the settings.xml
// server's password (read through serverId) appears anywhere in the log.
def log = new File(basedir, 'build.log').text
assert log.contains('127.0.0.1:1')
assert !log.contains('url-s3cret')
assert !log.contains('server-s3cret')
assert !new File(basedir, '.sluice').exists()
return true
