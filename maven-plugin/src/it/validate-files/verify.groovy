// inside a project: clean, kustomization.yaml skipped, report written
def log = new File(basedir, 'build.log').text
assert log.contains('kforge validate (Kubernetes 1.31): 1 file(s) validated, 0 problem(s), 0 error(s)')
assert new File(basedir, 'target/kforge-validation.json').text.contains('"files" : 1')
assert new File(basedir, 'target/kforge-validation.xml').isFile()
assert new File(basedir, 'target/kforge-validation.sarif').isFile()

// with no project at all (a GitOps repository without a pom): the same goal in a folder that has no pom.xml
def dir = new File(basedir, 'standalone')
assert !new File(dir, 'pom.xml').exists()
def mvn = System.getProperty('os.name').toLowerCase().contains('win') ? 'mvn.cmd' : 'mvn'
// like src/it/settings.xml: the plugin from the test repository, everything else from the real local repository
def settings = new File(basedir, 'standalone-settings.xml')
def outer = new File(outerLocalRepository.toString()).toURI().toString()
settings.text = """<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>outer</id><url>${outer}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>outer</id><url>${outer}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def command = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
               "${projectGroupId}:${projectArtifactId}:${projectVersion}:validate".toString(), '-Dk8s.validate.files=web.yaml', '-Dk8s.validate.policy=false']
def process = new ProcessBuilder(command.collect { it.toString() }).directory(dir).redirectErrorStream(true).start()
def output = process.inputStream.text
process.waitFor()
assert process.exitValue() == 0 : output
assert output.contains('1 file(s) validated, 0 problem(s), 0 error(s)') : output
// the reports go to target/ of the current folder, never to a folder named after an unresolved expression
assert new File(dir, 'target/kforge-validation.json').isFile() : output
assert new File(dir, 'target/kforge-validation.sarif').text.contains('"version" : "2.1.0"')
assert !dir.list().any { it.contains('${') } : dir.list()
return true
