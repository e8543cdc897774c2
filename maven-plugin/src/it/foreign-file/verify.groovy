// hand-written files in deploy/, even inside a generated directory, survive generate untouched
def deploy = new File(basedir, 'deploy')
assert new File(deploy, 'NOTES.md').text == '# Hand-written notes: kforge must never touch this file.\n'
assert new File(deploy, 'kustomize/overlays/dev/my-patch.yaml').text ==
        '# A hand-written patch inside a generated directory: kforge must never touch this file.\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: my-patch}\n'
assert new File(deploy, 'kustomize/overlays/dev/kustomization.yaml').isFile()
def manifest = new File(deploy, '.kforge-generated').text
assert !manifest.contains('NOTES.md') && !manifest.contains('my-patch.yaml') : 'hand-written files claimed as generated'
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] deploy is up to date') : 'k8s:verify counted hand-written files as drift'
return true
