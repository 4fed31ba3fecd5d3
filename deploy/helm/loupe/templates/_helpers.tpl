{{/* The release's base name: <release>-loupe, or fullnameOverride. */}}
{{- define "loupe.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's name: <fullname>-<component>. Call with (dict "root" $ "component" "search"). */}}
{{- define "loupe.componentName" -}}
{{- printf "%s-%s" (include "loupe.fullname" .root) .component -}}
{{- end -}}

{{- define "loupe.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: loupe
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "loupe.selectorLabels" . }}
{{- end -}}

{{- define "loupe.selectorLabels" -}}
app.kubernetes.io/name: {{ default .root.Chart.Name .root.Values.nameOverride }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "loupe.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "loupe.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* <registry>/<image>:<tag><suffix>. Call with (dict "root" $ "image" "search-service" "suffix" ""). */}}
{{- define "loupe.image" -}}
{{- printf "%s/%s:%s%s" .root.Values.image.registry .image (default .root.Chart.AppVersion .root.Values.image.tag) (default "" .suffix) -}}
{{- end -}}

{{- define "loupe.secretName" -}}
{{- default (printf "%s-secrets" (include "loupe.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The embedder's in-cluster URL, for the indexer and the search replicas. */}}
{{- define "loupe.embedderUrl" -}}
{{- printf "http://%s:%d" (include "loupe.componentName" (dict "root" . "component" "embedder")) (int .Values.service.port) -}}
{{- end -}}

{{/* The PostgreSQL password and the Milvus token, as environment variables from the Secret. */}}
{{- define "loupe.secretEnv" -}}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "loupe.secretName" .root }}
      key: postgres-password
- name: {{ .milvusTokenVariable }}
  valueFrom:
    secretKeyRef:
      name: {{ include "loupe.secretName" .root }}
      key: milvus-token
      optional: true
{{- end -}}

{{/*
A service's Deployment. Call with (dict "root" $ "component" "search" "values" .Values.search
"image" "search-service" "suffix" "" "env" <list> "volumes" <list> "mounts" <list> "initContainers" <list>).
Its settings come from the ConfigMap <component>-config, mounted as config/application.properties in
the working directory, where Quarkus reads it.
*/}}
{{- define "loupe.deployment" -}}
{{- $root := .root -}}
{{- $values := .values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "loupe.componentName" . }}
  labels:
    {{- include "loupe.labels" . | nindent 4 }}
spec:
  {{- if not (and $values.autoscaling $values.autoscaling.enabled) }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "loupe.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "loupe.selectorLabels" . | nindent 8 }}
      annotations:
        # a changed setting rolls the pods
        checksum/config: {{ include (print $root.Template.BasePath "/configmaps.yaml") $root | sha256sum }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "loupe.serviceAccountName" $root }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- with .initContainers }}
      initContainers:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "loupe.image" (dict "root" $root "image" .image "suffix" .suffix) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: "8080"
            {{- with .env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- range $name, $value := $values.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          startupProbe:
            httpGet:
              path: {{ $root.Values.probes.startup.path }}
              port: http
            periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
          readinessProbe:
            httpGet:
              path: {{ $root.Values.probes.readiness.path }}
              port: http
            periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
          livenessProbe:
            httpGet:
              path: {{ $root.Values.probes.liveness.path }}
              port: http
            periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: config
              mountPath: /var/lib/loupe/config
              readOnly: true
            {{- with .mounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
        - name: config
          configMap:
            name: {{ include "loupe.componentName" . }}-config
        {{- with .volumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
