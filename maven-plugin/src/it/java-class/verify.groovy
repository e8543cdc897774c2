// the typed route: a class of the project implementing PlatformDefinition, compiled, loaded and generated
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD ') }
        .collect { it.replaceAll(/(?m)^\[ERROR\] ?/, '') }
assert runs.size() == 4 : "expected 4 builds, found ${runs.size()}"

// 1. generated from the class, after compiling
assert runs[0] =~ /(?s)maven-compiler-plugin.*kforge-maven-plugin:[^:]+:generate/ : 'generate ran before compiling'
assert runs[0].contains('kforge generate: model from class com.example.shop.ShopPlatform, output in deploy')
assert runs[0] =~ /\[INFO\] prod: \d+ objects \(Deployment 2, /
def deploy = new File(basedir, 'deploy')
def storefront = new File(deploy, 'kustomize/base/storefront/deployment.yaml').text
assert storefront.contains('image: acme/storefront:3.1.0')
assert new File(deploy, 'kustomize/overlays/prod/kustomization.yaml').isFile()

// 2. not a PlatformDefinition
assert runs[1].contains('the platform class com.example.shop.NotAPlatform does not implement '
        + "dev.kforge.api.PlatformDefinition; declare it as 'public class NotAPlatform implements "
        + "PlatformDefinition' with a method 'public Platform define()'")
assert runs[1].contains('BUILD FAILURE')

// 3. define() reports problems
assert runs[2].contains('kforge found 1 problem in the platform of class com.example.shop.BrokenPlatform (platformClass):\n'
        + "com.example.shop.BrokenPlatform: services.storefront.dependsOn: 'payments' is neither a service nor a "
        + 'backing service; declare it under backingServices or fix the name\n'
        + 'Fix it in com.example.shop.BrokenPlatform.define() and run the build again; nothing was written to ')
assert runs[2].contains('BUILD FAILURE')

// 4. the failed runs left deploy/ as it was
assert runs[3].contains('[INFO] deploy is up to date')
return true
