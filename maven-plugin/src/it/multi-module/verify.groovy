// two platforms in one reactor, generated and verified by parallel builds (-T 2)
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
assert runs.size() == 2 : "expected 2 builds, found ${runs.size()}"
runs.each { run ->
    assert run.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
    // JKube's resource goal is not marked thread-safe (Maven warns and runs it); kforge's goals are
    def unsafe = run.readLines().findAll { it ==~ /\[WARNING\]\s+\S+:\S+:\S+\s*/ }
            .collect { it.replaceAll(/\[WARNING\]\s+/, '').trim() }
    assert unsafe.size() == 1 && unsafe[0].startsWith('org.eclipse.jkube:kubernetes-maven-plugin:') :
            "not thread-safe: ${unsafe}"
    assert run.contains('BUILD SUCCESS')
}
assert runs[0].contains('kforge generate: model from src/main/kforge/platform.yaml, output in deploy')
assert runs[0].contains('kforge generate: model from class com.example.admin.AdminPlatform, output in deploy')
assert runs[1].findAll(/\[INFO\] deploy is up to date/).size() == 2
// the parent declares the plugin for every module: as a pom module without a spec it is skipped, in one line
assert runs[0].contains('[INFO] kforge generate skipped: multi-module is a pom module without a spec (src/main/kforge/platform.yaml)')
assert runs[1].contains('[INFO] kforge verify skipped: multi-module is a pom module without a spec')

// orders-app's manifest is JKube's: its resource goal ran in the reactor, from the image configuration and fragment
assert runs[0] =~ /kubernetes-maven-plugin:[^:]+:resource \(default\) @ orders-app/
def jkube = new File(basedir, 'orders-app/target/classes/META-INF/jkube/kubernetes.yml').text
assert jkube.contains('app.kubernetes.io/managed-by: jkube') && jkube.contains('name: orders-app')
def shop = new File(basedir, 'shop-platform/deploy/kustomize/base/orders/deployment.yaml').text
assert shop.contains('image: example/orders:2.0.1')
assert shop.contains('path: /actuator/health/readiness') && shop.contains('path: /actuator/health/liveness')
assert shop.contains('name: HOSTNAME') && shop.contains('containerPort: 9779')
assert !shop.contains('jkube') && !shop.contains('example-orders-app') : 'JKube\'s labels or container name leaked'
assert new File(basedir, 'shop-platform/deploy/kustomize/base/orders/servicemonitor.yaml').text.contains('port: prometheus')
def admin = new File(basedir, 'admin-platform/deploy/kustomize/base/console/deployment.yaml').text
assert admin.contains('image: example/console:5.0.2')
assert !new File(basedir, 'orders-app/deploy').exists()
return true
