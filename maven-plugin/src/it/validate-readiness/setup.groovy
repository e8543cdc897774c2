// the hardened application generator-core's HandWrittenManifestsTest proves clean, so both tests read one copy
def source = new File(basedir, '../../../../generator-core/src/test/resources/validate/readiness/hardened')
assert source.isDirectory() : source
def target = new File(basedir, 'hardened')
target.mkdirs()
source.eachFile { f -> new File(target, f.name).text = f.text }
return true
