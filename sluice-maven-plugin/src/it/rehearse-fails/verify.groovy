// V1 rehearsed; V2's down left the index behind, so the rehearsal failed the build and said why. No target was used.
def log = new File(basedir, 'build.log').text
assert log.contains('rehearsing on ')
assert log =~ /PASSED V1 create accounts/
assert log =~ /FAILED V2 index accounts by email/
assert log.contains('accounts_email_idx')
assert log.contains('sluice rehearse: a migration failed rehearsal')
assert !log.contains('using the embedded database')
return true
