// JKube's kubernetes-maven-plugin and kforge's plugin in one build, both with the goal prefix k8s
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert runs.size() == 3 : "expected 3 builds, found ${runs.size()}"

// 1. both ran in the lifecycle, JKube first; kforge took the container of JKube's Deployment
assert runs[0] =~ /(?s)kubernetes-maven-plugin:[^:]+:resource .*kforge-maven-plugin:[^:]+:generate/
assert runs[0].contains('BUILD SUCCESS')
def jkube = new File(basedir, 'target/classes/META-INF/jkube/kubernetes.yml').text
assert jkube.contains('kind: Deployment') && jkube.contains('image: example/orders:1.0.0')
def deployment = new File(basedir, 'deploy/kustomize/base/orders/deployment.yaml').text
assert deployment.contains('image: example/orders:1.0.0')
assert deployment.contains('containerPort: 8080')
assert deployment.contains('name: HOSTNAME') && deployment.contains('fieldPath: metadata.name')
assert deployment.contains('- name: orders') : 'the container keeps the service name, not JKube\'s'
assert !deployment.contains('jkube') && !deployment.contains('provider:')

// 2. kforge by its coordinates
assert runs[1].contains('kforge-maven-plugin:0.1.0-SNAPSHOT:verify (default-cli)') || runs[1] =~ /kforge-maven-plugin:[^:]+:verify \(default-cli\)/
assert runs[1].contains('[INFO] deploy is up to date')

// 3. k8s:generate resolves to JKube's plugin, declared first, which has no such goal
assert runs[2].contains("Could not find goal 'generate' in plugin org.eclipse.jkube:kubernetes-maven-plugin")
return true
