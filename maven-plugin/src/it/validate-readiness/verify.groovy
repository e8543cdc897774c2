// inside a project: the hardened application passes every rule
def log = new File(basedir, 'build.log').text
assert log.contains('4 file(s) validated, 0 problem(s), 0 error(s)') : log

// with no project at all: the readiness rules find each defect of app.yaml, one located line each
def dir = new File(basedir, 'standalone')
assert !new File(dir, 'pom.xml').exists()
def mvn = System.getProperty('os.name').toLowerCase().contains('win') ? 'mvn.cmd' : 'mvn'
def settings = new File(basedir, 'standalone-settings.xml')
def outer = new File(outerLocalRepository.toString()).toURI().toString()
settings.text = """<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>outer</id><url>${outer}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>outer</id><url>${outer}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def command = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
               "${projectGroupId}:${projectArtifactId}:${projectVersion}:validate".toString(), '-Dk8s.validate.files=app.yaml']
def process = new ProcessBuilder(command.collect { it.toString() }).directory(dir).redirectErrorStream(true).start()
def output = process.inputStream.text
process.waitFor()
assert process.exitValue() != 0 : output
[
    /app\.yaml:2: Deployment\/web: \.spec\.selector: the selector \(app=web\) does not select the pod template's labels \(app=webapp\).* \[selector-matches-template\]/,
    /app\.yaml:2: Deployment\/web: \.spec\.template\.spec\.serviceAccountName: ServiceAccount 'web' is not among the objects of namespace shop.* \[service-account-exists\]/,
    /app\.yaml:17: Service\/web: \.spec\.selector: selects app=web, but no pod template in namespace shop has those labels.* \[service-selects-pods\]/,
    /app\.yaml:24: Service\/webapp: \.spec\.ports\[0\]\.targetPort: targetPort 'https' is the name of no TCP port of the containers of Deployment\/web.* \[service-target-port\]/,
    /app\.yaml:31: Ingress\/web: \.spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: routes to the Service 'frontend'.* \[ingress-backend\]/,
    /app\.yaml:41: HorizontalPodAutoscaler\/api: \.spec\.scaleTargetRef: scales Deployment\/api, which is not among the objects.* \[hpa-target\]/,
].each { pattern -> assert (output =~ pattern).find() : "${pattern} in:\n${output}" }
def junit = new groovy.xml.XmlSlurper().parse(new File(dir, 'target/kforge-validation.xml'))
assert junit.testcase.failure.collect { it.@type.text() }.containsAll(['selector-matches-template',
        'service-account-exists', 'service-selects-pods', 'service-target-port', 'ingress-backend', 'hpa-target'])
return true
