
{{/*
The helm.sh/chart label: chart name and version.
*/}}
{{- define "@chart@.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The namespace of every object: namespace.name, or the release namespace when that is empty.
*/}}
{{- define "@chart@.namespace" -}}
{{- .Values.namespace.name | default .Release.Namespace -}}
{{- end -}}

{{/*
Labels on every object: part-of, the platform's labels, the environment's labels, and Helm's bookkeeping
(managed-by Helm, the release as instance, the chart). Takes the root context.
*/}}
{{- define "@chart@.labels" -}}
{{- $labels := dict "app.kubernetes.io/part-of" .Values.platform.name "app.kubernetes.io/managed-by" .Release.Service -}}
{{- $labels = mergeOverwrite $labels (deepCopy (.Values.platform.labels | default dict)) (deepCopy (.Values.labels | default dict)) -}}
{{- $_ := set $labels "app.kubernetes.io/instance" .Release.Name -}}
{{- $_ = set $labels "helm.sh/chart" (include "@chart@.chart" .) -}}
{{- toYaml $labels -}}
{{- end -}}

{{/*
Labels on the objects of one service: the labels above with its name and component (its kind).
Takes (dict "root" $ "name" <service name> "svc" <service values>), as do the templates below.
*/}}
{{- define "@chart@.serviceLabels" -}}
{{- $labels := include "@chart@.labels" .root | fromYaml -}}
{{- /* the service's own labels rank between the platform's and the environment's */}}
{{- $labels = mergeOverwrite $labels (deepCopy (.svc.labels | default dict)) (deepCopy (.root.Values.labels | default dict)) -}}
{{- $_ := set $labels "app.kubernetes.io/name" .name -}}
{{- $_ = set $labels "app.kubernetes.io/component" .svc.kind -}}
{{- toYaml $labels -}}
{{- end -}}

{{/*
The selector of a service's pods: its name and the platform's. Never changes between environments or releases,
so a namespace can move between the Kustomize and the Helm route without replacing a Deployment.
*/}}
{{- define "@chart@.selectorLabels" -}}
{{- toYaml (dict "app.kubernetes.io/name" .name "app.kubernetes.io/part-of" .root.Values.platform.name) -}}
{{- end -}}

{{/*
Labels on a service's pods: the selector, managed-by, component, the platform's labels, the service's, a tenant's
pod labels and the release; no environment labels and no chart version, so that pods roll only for real changes.
*/}}
{{- define "@chart@.podLabels" -}}
{{- $labels := include "@chart@.selectorLabels" . | fromYaml -}}
{{- $_ := set $labels "app.kubernetes.io/managed-by" .root.Release.Service -}}
{{- $_ = set $labels "app.kubernetes.io/component" .svc.kind -}}
{{- $labels = mergeOverwrite $labels (deepCopy (.root.Values.platform.labels | default dict)) (deepCopy (.svc.labels | default dict)) (deepCopy (.root.Values.podLabels | default dict)) -}}
{{- $_ = set $labels "app.kubernetes.io/instance" .root.Release.Name -}}
{{- toYaml $labels -}}
{{- end -}}

{{/*
An image reference from image.repository and image.tag (a sha256: tag is a digest).
*/}}
{{- define "@chart@.image" -}}
{{- if hasPrefix "sha256:" .tag -}}
{{- printf "%s@%s" .repository .tag -}}
{{- else -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}
{{- end -}}

{{/*
"true" when the service is autoscaled (an HPA owns its replicas), else empty. Takes the service's values.
*/}}
{{- define "@chart@.autoscaled" -}}
{{- if and .autoscaling .autoscaling.enabled }}true{{ end -}}
{{- end -}}

{{/*
The SHA-256 of a service's configuration (literals and files, by key), for the checksum/config pod annotation:
a changed ConfigMap rolls the pods. Takes the service's config values.
*/}}
{{- define "@chart@.configChecksum" -}}
{{- $data := merge (deepCopy (.literals | default dict)) (deepCopy (.files | default dict)) -}}
{{- $text := "" -}}
{{- range $key, $value := $data -}}
{{- $text = printf "%s%s%c%s%c" $text $key 0 $value 0 -}}
{{- end -}}
{{- sha256sum $text -}}
{{- end -}}

{{/*
The ports a service serves its dependents and the ingress controller, as NetworkPolicy ports (a YAML list): every
port but a dedicated metrics port, which is Prometheus' only; the first port is the main one and always serves, also
when metrics are scraped from it. Service.servedPorts() in kforge is the same rule. Takes the service's values.
*/}}
{{- define "@chart@.servedPorts" -}}
{{- $served := list -}}
{{- range $i, $p := .ports -}}
{{- if or (eq $i 0) (not (and $.metrics (eq $p.name $.metrics.port))) -}}
{{- $served = append $served (dict "protocol" ($p.protocol | default "TCP") "port" $p.port) -}}
{{- end -}}
{{- end -}}
{{- toYaml $served -}}
{{- end -}}
