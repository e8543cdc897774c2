// an invalid spec: the build fails naming the problem and its line, and the earlier output is left as it was
def log = new File(basedir, 'build.log').text
assert log.contains('services.web.dependsOn') : 'the problem path is missing from the build log'
assert log.contains('no-such-service') : 'the problem is missing from the build log'
assert log =~ /platform\.yaml:\d+/ : 'the problem line (platform.yaml:<line>) is missing from the build log'
// the note after the problems: which checks did not run, and why
assert log.contains('Fix these first: the later checks (environments, policy) did not run, as the spec did not ' +
        'read into a platform.') : 'the note on the checks that did not run is missing from the build log'

def deploy = new File(basedir, 'deploy')
assert new File(deploy, 'kustomize/base/kustomization.yaml').text ==
        '# output of an earlier, good run; a failed run must leave it as it is\nresources: []\n'
assert new File(deploy, '.kforge-generated').text ==
        "# kforge's record of the files it generated in this directory; kforge maintains it, do not edit.\n" +
        'kustomize/base/kustomization.yaml\n'
assert !new File(deploy, 'kustomize/overlays').exists() : 'a failed run wrote output'
return true
