// a valid spec: the build succeeds, writes the Kustomize tree and the Helm chart under deploy/ and logs the summary
def deploy = new File(basedir, 'deploy')
['kustomize/base/kustomization.yaml', 'kustomize/overlays/dev/kustomization.yaml', 'helm/tiny/Chart.yaml',
 'helm/tiny/values-dev.yaml', '.kforge-generated'].each {
    assert new File(deploy, it).isFile() : "missing deploy/$it"
}
def manifest = new File(deploy, '.kforge-generated').text
// each generated file with the SHA-256 of what kforge wrote
['kustomize/base/kustomization.yaml', 'kustomize/overlays/dev/kustomization.yaml', 'helm/tiny/Chart.yaml'].each {
    def sha = java.security.MessageDigest.getInstance('SHA-256').digest(new File(deploy, it).bytes)
            .encodeHex().toString()
    assert manifest.contains('\n' + sha + '  ' + it + '\n') : "$it is not recorded with its hash"
}
assert new File(deploy, 'helm/tiny/Chart.yaml').text.contains('version: "1.0"') : 'the chart version is not the project version'

def log = new File(basedir, 'build.log').text
// the summary: per environment, objects per kind; then the files
assert log =~ /\[INFO\] base: \d+ objects \(Deployment 1, .*NetworkPolicy \d+.*\)/ : 'summary of the base missing'
assert log =~ /\[INFO\] dev: \d+ objects \(Deployment 1, / : 'summary of dev missing from the build log'
assert log =~ /\[INFO\] files: [1-9]\d* written, 0 unchanged, 0 removed/ : 'first run: file summary missing'
assert log =~ /\[INFO\] files: [1-9] written, [1-9]\d* unchanged, 0 removed/ : 'a new parameter did not generate, or rewrote every file'

// the up-to-date check, with Maven run from here (the invoker appends to build.log in the project, which counts as
// a changed project file): a run right after another generates nothing; a changed catalog or spec file generates
def mvn = System.getProperty('os.name').toLowerCase().contains('win') ? 'mvn.cmd' : 'mvn'
// like src/it/settings.xml: the plugin from the test repository, everything else from the real local repository
def settings = new File(basedir, '../yaml-spec-settings.xml')
def outer = new File(outerLocalRepository.toString()).toURI().toString()
settings.text = """<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>outer</id><url>${outer}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>outer</id><url>${outer}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def generate = {
    def command = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}", '-Dk8s.kubernetesVersion=1.31',
                   "${projectGroupId}:${projectArtifactId}:${projectVersion}:generate".toString()]
    def process = new ProcessBuilder(command.collect { it.toString() }).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    process.waitFor()
    assert process.exitValue() == 0 : output
    output
}
generate()
def again = generate()
assert again.contains('kforge generate: deploy is up to date: nothing it is made from changed since the last run') : again
assert !again.contains('files: ') : again
def spec = new File(basedir, 'src/main/kforge/platform.yaml')
spec.setLastModified(spec.lastModified() + 2000)
def changed = generate()
assert !changed.contains('is up to date') && changed =~ /files: 0 written, [1-9]\d* unchanged, 0 removed/ : changed
assert log.contains('[INFO] kforge generate skipped (k8s.skip or k8s.generate.skip is set)')
return true
