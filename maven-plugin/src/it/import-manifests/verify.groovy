// in a project: the spec is written where generate reads it, names the schema, says what changed, and generates
def log = new File(basedir, 'build.log').text
def spec = new File(basedir, 'src/main/kforge/platform.yaml')
assert spec.isFile()
assert new File(basedir, 'src/main/kforge/platform.schema.json').isFile()
def text = spec.text
assert text.startsWith('# yaml-language-server: $schema=platform.schema.json\n')
assert text.contains('name: import-manifests')
assert text.contains('type: LoadBalancer')
assert text.contains('servicePort: 443')
assert text.contains('type: grpc')
assert text.contains('terminationGracePeriodSeconds: 45')
assert text.contains('dependsOn:\n    - api')
// the worker sets no user and no probes: said at the top, and its rules suppressed with reasons
assert text.contains('# - worker: Deployment worker (k8s/worker.yaml), container worker: sets no runAsUser')
assert text.contains('      probe-liveness: ')
assert log.contains('[WARNING] import: worker: ')
assert log.contains('kforge import: 2 service(s) [api, worker] into src/main/kforge/platform.yaml')
assert log.contains('connects to queue:5672, which no imported Service offers')
assert new File(basedir, 'deploy/kustomize/base/api/deployment.yaml').isFile()

// with no project at all, in a folder without a pom; then a second run refuses to overwrite the spec
def dir = new File(basedir, 'standalone')
assert !new File(dir, 'pom.xml').exists()
def mvn = System.getProperty('os.name').toLowerCase().contains('win') ? 'mvn.cmd' : 'mvn'
def settings = new File(basedir, 'standalone-settings.xml')
def outer = new File(outerLocalRepository.toString()).toURI().toString()
settings.text = """<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>outer</id><url>${outer}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>outer</id><url>${outer}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def run = { List<String> extra ->
    def command = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
                   "${projectGroupId}:${projectArtifactId}:${projectVersion}:import".toString(),
                   '-Dk8s.import.files=k8s/worker.yaml', '-Dk8s.import.spec=kforge/shop.yaml'] + extra
    def process = new ProcessBuilder(command.collect { it.toString() }).directory(dir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    process.waitFor()
    [process.exitValue(), output]
}
def (first, out1) = run([])
assert first == 0 : out1
def imported = new File(dir, 'kforge/shop.yaml')
assert imported.text.contains('name: standalone')
assert imported.text.contains('kind: worker')
imported.text = imported.text + '# my edit\n'
def (second, out2) = run([])
assert second != 0 : out2
assert out2.contains('a spec already exists at') && out2.contains('-Dk8s.import.overwrite=true') : out2
assert imported.text.endsWith('# my edit\n')
def (third, out3) = run(['-Dk8s.import.overwrite=true'])
assert third == 0 : out3
assert !imported.text.endsWith('# my edit\n')
return true
