
{{/*
The container security context: no privilege escalation, all capabilities dropped, non-root. Takes whether the
root filesystem is read-only.
*/}}
{{- define "@chart@.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: {{ . }}
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end -}}

{{/*
The pod template of a service (Deployment, StatefulSet or CronJob): restricted Pod Security, requests and limits
on every container, probes, volumes and scheduling. Takes (dict "root" $ "name" <service name> "svc" <values>).
*/}}
{{- define "@chart@.podTemplate" -}}
{{- $name := .name -}}
{{- $svc := .svc -}}
{{- $annotations := deepCopy ($svc.podAnnotations | default dict) -}}
{{- with $svc.config -}}
{{- $_ := set $annotations "checksum/config" (include "@chart@.configChecksum" .) -}}
{{- end -}}
metadata:
  labels:
    {{- include "@chart@.podLabels" . | nindent 4 }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- /* the pod's volumes, mounted alike by the main container and its sidecars; ConfigMaps and Secrets read-only */}}
{{- $mounts := list }}
{{- if $svc.security.readOnlyRootFilesystem }}
{{- $mounts = append $mounts (dict "name" "tmp" "mountPath" "/tmp") }}
{{- end }}
{{- if and $svc.config $svc.config.files }}
{{- $mounts = append $mounts (dict "name" "config" "mountPath" $svc.config.mountPath "readOnly" true) }}
{{- end }}
{{- range $svc.volumes }}
{{- $mount := dict "name" .name "mountPath" .mountPath }}
{{- if or .configMap .secret }}{{ $_ := set $mount "readOnly" true }}{{ end }}
{{- $mounts = append $mounts $mount }}
{{- end }}
{{- with $svc.storage }}
{{- $mounts = append $mounts (dict "name" "data" "mountPath" .mountPath) }}
{{- end }}
{{- $security := include "@chart@.containerSecurityContext" $svc.security.readOnlyRootFilesystem | fromYaml }}
{{- /* a sidecar's values are its container's, with the pod's security context and volumes added */}}
{{- $native := list }}
{{- $extra := list }}
{{- range $svc.sidecars }}
{{- $c := omit . "native" }}
{{- $_ := set $c "imagePullPolicy" "IfNotPresent" }}
{{- $_ = set $c "securityContext" $security }}
{{- if $mounts }}{{ $_ = set $c "volumeMounts" $mounts }}{{ end }}
{{- if .native }}
{{- $_ = set $c "restartPolicy" "Always" }}
{{- $native = append $native $c }}
{{- else }}
{{- $extra = append $extra $c }}
{{- end }}
{{- end }}
spec:
  serviceAccountName: {{ $name | quote }}
  automountServiceAccountToken: {{ not (empty $svc.rbac) }}
  securityContext:
    runAsNonRoot: true
    runAsUser: {{ $svc.security.runAsUser | int64 }}
    runAsGroup: {{ $svc.security.runAsGroup | int64 }}
    fsGroup: {{ $svc.security.fsGroup | int64 }}
    seccompProfile:
      type: RuntimeDefault
  {{- if eq $svc.kind "scheduled-job" }}
  restartPolicy: OnFailure
  {{- end }}
  {{- if hasKey $svc "terminationGracePeriodSeconds" }}
  terminationGracePeriodSeconds: {{ $svc.terminationGracePeriodSeconds | int64 }}
  {{- end }}
  {{- with $svc.priorityClassName }}
  priorityClassName: {{ . | quote }}
  {{- end }}
  {{- with $svc.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . | quote }}
    {{- end }}
  {{- end }}
  {{- if or $native $svc.initContainers }}
  initContainers:
    {{- /* native sidecars first: they run before the other init containers start */}}
    {{- with $native }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- range $svc.initContainers }}
    - name: {{ .name | quote }}
      image: {{ .image | quote }}
      imagePullPolicy: IfNotPresent
      {{- with .command }}
      command:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- /* init containers only wait or migrate: small fixed resources keep them from blocking scheduling */}}
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
        limits:
          cpu: 100m
          memory: 64Mi
      securityContext:
        {{- include "@chart@.containerSecurityContext" true | nindent 8 }}
    {{- end }}
  {{- end }}
  containers:
    - name: {{ $svc.containerName | default $name | quote }}
      image: {{ include "@chart@.image" $svc.image | quote }}
      imagePullPolicy: {{ $svc.image.pullPolicy | default "IfNotPresent" }}
      {{- with $svc.command }}
      command:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.ports }}
      ports:
        {{- range . }}
        - name: {{ .name | quote }}
          containerPort: {{ .port | int64 }}
          protocol: {{ .protocol | default "TCP" }}
        {{- end }}
      {{- end }}
      {{- with $svc.env }}
      env:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if and $svc.config $svc.config.literals }}
      envFrom:
        - configMapRef:
            name: {{ printf "%s-config" $name | quote }}
      {{- end }}
      resources:
        {{- toYaml $svc.resources | nindent 8 }}
      securityContext:
        {{- toYaml $security | nindent 8 }}
      {{- with $svc.probes }}
      {{- with .liveness }}
      livenessProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .readiness }}
      readinessProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .startup }}
      startupProbe:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- end }}
      {{- with $svc.preStop }}
      lifecycle:
        preStop:
          {{- toYaml . | nindent 10 }}
      {{- end }}
      {{- with $mounts }}
      volumeMounts:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- with $extra }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- $volumes := list }}
  {{- if $svc.security.readOnlyRootFilesystem }}
  {{- $volumes = append $volumes (dict "name" "tmp" "emptyDir" (dict)) }}
  {{- end }}
  {{- if and $svc.config $svc.config.files }}
  {{- $items := list }}
  {{- range $key, $_ := $svc.config.files }}{{ $items = append $items (dict "key" $key "path" $key) }}{{ end }}
  {{- $volumes = append $volumes (dict "name" "config" "configMap" (dict "name" (printf "%s-config" $name) "items" $items)) }}
  {{- end }}
  {{- range $svc.volumes }}
  {{- if .emptyDir }}
  {{- $volumes = append $volumes (dict "name" .name "emptyDir" (ternary (dict "sizeLimit" .sizeLimit) (dict) (hasKey . "sizeLimit"))) }}
  {{- else if .configMap }}
  {{- $volumes = append $volumes (dict "name" .name "configMap" (dict "name" .configMap)) }}
  {{- else if .secret }}
  {{- $volumes = append $volumes (dict "name" .name "secret" (dict "secretName" .secret)) }}
  {{- else if ne $svc.kind "stateful-service" }}
  {{- /* a claim of its own; a stateful service's is a volume claim template, one per pod */}}
  {{- $volumes = append $volumes (dict "name" .name "persistentVolumeClaim" (dict "claimName" (printf "%s-%s" $name .name))) }}
  {{- end }}
  {{- end }}
  {{- if and $svc.storage (ne $svc.kind "stateful-service") }}
  {{- $volumes = append $volumes (dict "name" "data" "persistentVolumeClaim" (dict "claimName" (printf "%s-data" $name))) }}
  {{- end }}
  {{- with $volumes }}
  volumes:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $svc.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $svc.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $selector := include "@chart@.selectorLabels" . | fromYaml }}
  {{- $term := dict "labelSelector" (dict "matchLabels" $selector) "topologyKey" "kubernetes.io/hostname" }}
  {{- if eq $svc.antiAffinity "required" }}
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        {{- toYaml (list $term) | nindent 8 }}
  {{- else if eq $svc.antiAffinity "preferred" }}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            {{- toYaml $term | nindent 12 }}
  {{- end }}
  {{- with $svc.topologySpread }}
  topologySpreadConstraints:
    - maxSkew: {{ .maxSkew | int64 }}
      topologyKey: {{ .topologyKey | quote }}
      whenUnsatisfiable: {{ .whenUnsatisfiable }}
      labelSelector:
        matchLabels:
          {{- toYaml $selector | nindent 10 }}
  {{- end }}
{{- end -}}

{{/*
The spec of a service's PersistentVolumeClaim or volume claim template. Takes the service's storage values.
*/}}
{{- define "@chart@.claimSpec" -}}
accessModes:
  - {{ .accessMode }}
{{- with .storageClass }}
storageClassName: {{ . | quote }}
{{- end }}
resources:
  requests:
    storage: {{ .size | quote }}
{{- end -}}
