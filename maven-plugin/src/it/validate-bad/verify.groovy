// every problem, one per line as file:line: Kind/name: .path: message, and a report for CI
def log = new File(basedir, 'build.log').text
assert log =~ /settings\.yaml:4: ConfigMap\/settings: \.dataa: /
assert log.contains('1 file(s) validated, 1 problem(s), 1 error(s)')
def report = new File(basedir, 'target/kforge-validation.json').text
assert report.contains('"errors" : 1')
def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/kforge-validation.xml'))
assert junit.@tests == '1'
assert junit.@failures == '1'
assert junit.testcase.failure.@type == 'schema'
assert junit.testcase.failure.@message.text().contains('settings.yaml:4')
assert new File(basedir, 'target/kforge-validation.sarif').text.contains('"ruleId" : "schema"')
// the second run: what failed is the report, not a CRD or a manifest
assert log =~ /cannot write the json report \S*manifests\/settings\.yaml\/report\.json \(FileAlreadyExistsException/
assert !log.contains('CRD file')
return true
