// k8s:verify: a file generated from an older model, a missing and an extra generated file fail the build, each named with a unified diff
// and the command that fixes it; a hand-written file is no drift; after k8s:generate, verify passes
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert runs.size() == 4 : "expected 4 builds, found ${runs.size()}"

// Maven puts [ERROR] before every line of a failure message
def failed = runs[0].replaceAll(/(?m)^\[ERROR\] ?/, '')
assert failed =~ /\[INFO\] files: \d+ up to date, [2-9]\d* changed, 1 missing, [1-9]\d* extra/
assert failed =~ /deploy is not what kforge generates from src\/main\/kforge\/platform.yaml: \d+ files differ\./
assert failed.contains('  changed: deploy/.kforge-generated')
assert failed.contains('  missing: deploy/kustomize/overlays/dev/kustomization.yaml')
assert failed.contains('  changed: deploy/kustomize/base/web/deployment.yaml')
assert failed.contains('  extra:   deploy/kustomize/base/legacy/deployment.yaml')
assert !failed.contains('NOTES.md') : 'a hand-written file was taken for drift'
// the unified diffs
assert failed.contains('--- deploy/kustomize/base/web/deployment.yaml (on disk)\n'
        + '+++ deploy/kustomize/base/web/deployment.yaml (generated)\n@@ -')
assert failed.contains('\n-        image: nginx:1.26.0\n+        image: nginx:1.27.0\n')
assert failed.contains('--- /dev/null\n+++ deploy/kustomize/overlays/dev/kustomization.yaml (generated)\n@@ -0,0 +1,')
assert failed.contains('--- deploy/kustomize/base/legacy/deployment.yaml (on disk)\n+++ /dev/null\n@@ -1,')
assert failed.contains('Run `mvn k8s:generate` and commit deploy/.')
assert failed.contains('BUILD FAILURE')

assert runs[1].contains('kforge verify skipped (k8s.skip or k8s.verify.skip is set)')
assert runs[1].contains('BUILD SUCCESS')
assert runs[2] =~ /files: [1-9]\d* written, \d+ unchanged, [1-9]\d* removed/
assert runs[3].contains('[INFO] deploy is up to date') && runs[3].contains('BUILD SUCCESS')

def deploy = new File(basedir, 'deploy')
assert new File(deploy, 'NOTES.md').text == 'Hand-written notes\n'
assert !new File(deploy, 'kustomize/base/legacy').exists()
assert new File(deploy, 'kustomize/base/web/deployment.yaml').text.contains('image: nginx:1.27.0')
return true
