// a service starting from the manifest Dekorate's real annotation processor wrote while the module compiled: its
// container taken over, kforge's tier, environments and security defaults on top
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert runs.size() == 2 : "expected 2 builds, found ${runs.size()}"
runs.each { run ->
    assert run.contains('Initializing dekorate session.') : 'Dekorate did not run while compiling'
    assert run =~ /Writing: file:\S+\/target\/classes\/META-INF\/dekorate\/kubernetes\.yml/
}

// 1. without a group Dekorate names the image after the OS user: refused, located, with the fix; nothing written
def user = System.getProperty('user.name')
assert runs[0].contains('BUILD FAILURE')
assert runs[0].contains("platform.yaml:19: services.orders.image: the image ${user}/orders:1.4.2 comes from "
        + "Deployment orders in META-INF/dekorate/kubernetes.yml in ")
assert runs[0].contains("its group '${user}' is the user name of the machine that built it (Dekorate's default "
        + "image group)")
assert runs[0].contains('Set the image on the service, or Dekorate\'s group and registry (@DockerBuild(group = "...", '
        + 'registry = "...") on a class of the application)')
assert runs[0].contains('nothing was written to deploy')

// 2. with @DockerBuild(group, registry) compiled in
assert runs[1].contains('BUILD SUCCESS')
def dekorate = new File(basedir, 'target/classes/META-INF/dekorate/kubernetes.yml').text
assert dekorate.contains('image: registry.example.com/shop/orders:1.4.2')
assert dekorate.contains('app.dekorate.io/') && dekorate.contains('memory: 512Mi')
def deploy = new File(basedir, 'deploy/kustomize')
def deployment = new File(deploy, 'base/orders/deployment.yaml').text
// taken from Dekorate's manifest
assert deployment.contains('image: registry.example.com/shop/orders:1.4.2')
assert deployment.contains('path: /q/health/live') && deployment.contains('path: /q/health/ready')
assert deployment.contains('name: KUBERNETES_NAMESPACE') && deployment.contains('fieldPath: metadata.namespace')
assert deployment =~ /name: DATABASE_PASSWORD\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: orders-db\n\s+key: password/
// the spec's settings win
assert deployment =~ /name: JAVA_TOOL_OPTIONS\n\s+value: -XX:MaxRAMPercentage=60/
assert deployment.contains('memory: 384Mi') && !deployment.contains('memory: 512Mi') : 'the tier did not win'
// kforge's own
assert deployment.contains('readOnlyRootFilesystem: true') && deployment.contains('runAsNonRoot: true')
assert deployment.contains('app.kubernetes.io/managed-by: kforge')
assert !deployment.contains('dekorate') && !deployment.contains('app.kubernetes.io/version')
def service = new File(deploy, 'base/orders/service.yaml').text
assert service.contains('port: 8080') && !service.contains('port: 80\n') : 'Dekorate\'s Service is not kforge\'s'
assert new File(deploy, 'base/orders/ingress.yaml').text.contains('host: orders.shop.example.com')
assert new File(deploy, 'base/orders/networkpolicy.yaml').text.contains('5432')
// environments on top
def prod = new File(deploy, 'overlays/prod/kustomization.yaml').text
assert prod =~ /name: registry.example.com\/shop\/orders\n\s+newTag: 1.4.3/
assert new File(deploy, 'overlays/prod/patches/deployment-orders.yaml').text =~ /path: \/spec\/replicas\n\s+value: 3/
// the imported Secret reference is a declared prerequisite, listed before applying
assert new File(basedir, 'deploy/README.md').text.contains('| Secret | `orders-db` | `orders` | the database team |')
return true
