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
assert log =~ /\[INFO\] files: 0 written, [1-9]\d* unchanged, 0 removed/ : 'second run rewrote files'
assert log.contains('[INFO] kforge generate skipped (k8s.skip or k8s.generate.skip is set)')
return true
