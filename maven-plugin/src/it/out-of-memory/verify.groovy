// the build failed with kforge's message: what ran out, how to give more, nothing written; no bare heap error
def log = new File(basedir, 'build.log').text
assert log.contains('kforge ran out of memory (the JVM may use ') : 'kforge\'s message is missing from the build log'
assert log.contains('Give Maven more, e.g. MAVEN_OPTS=-Xmx4g') : 'how to give Maven more is missing'
assert log.contains('nothing was written to deploy') : 'what was written is missing'
assert !log.contains('java.lang.OutOfMemoryError') : 'a bare OutOfMemoryError reached the build log'

// deploy/ is the output of the good run, byte for byte, and nothing is left beside it
def after = new StringBuilder()
def files = []
new File(basedir, 'deploy').eachFileRecurse(groovy.io.FileType.FILES) { files << it }
files.sort { it.path }.each { f ->
    after.append(f.path.substring(basedir.path.length())).append('\n').append(f.text).append('\n')
}
assert after.toString() == new File(basedir, 'target/deploy-before.txt').text : 'deploy/ changed'
assert after.toString().contains('kustomize/tenants/t1/dev/kustomization.yaml')
def beside = basedir.list().findAll { !(it in ['build.log', 'deploy', 'pom.xml', 'src', 'target',
        'invoker.properties', 'setup.groovy', 'verify.groovy', '.mvn']) }
assert beside.isEmpty() : "left beside deploy/: $beside"
return true
