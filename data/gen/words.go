package gen

// The vocabularies the generator draws from. Names and organisations are a
// plausible mix for a Montréal cloud-native audience; none is a real
// person's.

var titleTemplates = []string{
	"{tech} at Scale: Lessons from {org}",
	"{tech} in Production",
	"A Deep Dive into {tech}",
	"Zero-Downtime {concept} with {tech}",
	"From {tech} to {tech}: Our Migration Story",
	"Securing {concept} with {tech}",
	"{n} Things I Wish I Knew About {tech}",
	"Observability for {concept}: {tech} and {tech}",
	"{concept} Without Tears",
	"Building a {concept} Platform on {tech}",
	"How {org} Runs {tech}",
	"Debugging {tech} Like a Pro",
	"{concept} for the Rest of Us",
	"The Road to {concept} at {org}",
	"Taming {tech} with {tech}",
	"Introduction to {tech}",
	"What's New in {tech}",
	"{concept}: Myths and Realities",
	"Scaling {concept} Across {n} Clusters",
	"Hands-on {tech} Workshop",
	"Operating {tech} on Bare Metal",
	"{tech} Internals Explained",
	"Cost-Aware {concept} with {tech}",
	"Panel: The Future of {concept}",
}

var techs = []string{
	"Kubernetes", "Prometheus", "Envoy", "Istio", "Linkerd", "Helm", "Argo CD",
	"Flux", "OpenTelemetry", "gRPC", "etcd", "CoreDNS", "containerd", "Falco",
	"Open Policy Agent", "Knative", "Tekton", "Cilium", "eBPF", "Jaeger",
	"Fluentd", "Vitess", "Rook", "Crossplane", "Backstage", "Terraform",
	"Kafka", "PostgreSQL", "Rust", "Go", "WebAssembly", "SPIFFE", "KEDA",
	"Thanos", "Cortex", "Harbor", "Dapr", "Kyverno", "NATS", "CRI-O",
	"Buildpacks", "Longhorn", "Keptn", "Strimzi", "Velero", "Grafana",
}

var concepts = []string{
	"Service Mesh", "Multi-Cluster Networking", "GitOps", "Autoscaling",
	"Secrets Management", "Supply Chain Security", "Chaos Engineering",
	"Canary Deployments", "Cost Optimisation", "Edge Computing", "Serverless",
	"Stateful Workloads", "Policy as Code", "Platform Engineering",
	"Developer Experience", "Incident Response", "Distributed Tracing",
	"Log Aggregation", "Zero Trust", "Disaster Recovery", "Progressive Delivery",
	"Machine Learning Pipelines", "Continuous Delivery", "Multi-Tenancy",
	"Capacity Planning", "Database Operators", "Admission Control",
}

var topics = []string{
	"kubernetes", "observability", "security", "networking", "storage",
	"gitops", "serverless", "service mesh", "ci/cd", "developer experience",
	"platform engineering", "cost", "machine learning", "edge", "databases",
	"community", "sre", "policy", "ebpf", "webassembly",
}

var roomNames = []string{
	"Salle Viger", "Salle Jarry", "Room 511", "Room 512", "Auditorium",
	"Salle Saint-Laurent", "Room 710", "Atelier Bonsecours",
}

var orgs = []string{
	"Google", "Red Hat", "Microsoft", "Shopify", "Ubisoft", "Desjardins",
	"Mila", "Hydro-Québec", "Bell Canada", "Coveo", "Lightspeed", "Datadog",
	"Isovalent", "Grafana Labs", "VMware", "IBM", "SAP", "Elastic",
	"Société Générale", "Banque Nationale", "Intact", "Morgan Stanley",
	"Behaviour Interactive", "Element AI", "Nuvei", "Dialogue", "Hopper",
	"Unity", "Autodesk", "Ericsson", "Nokia", "Cisco", "Apple", "Amazon",
	"Université de Montréal", "McGill University", "Polytechnique Montréal",
	"Kubermatic", "Weaveworks", "Solo.io", "Buoyant", "Aqua Security",
}

var firstNames = []string{
	"Kelsey", "Amélie", "José", "Zoë", "François", "Björn", "Søren", "Łukasz",
	"Chloé", "Renée", "Hélène", "Mei", "Priya", "Olusegun", "Fatima", "Ana",
	"Lucas", "Noah", "Emma", "Olivia", "Liam", "Sofia", "Mateo", "Isabelle",
	"Jean-Philippe", "Marie-Ève", "Étienne", "Gabriel", "Léa", "Raphaël",
	"Mathieu", "Sébastien", "Geneviève", "Nadia", "Karim", "Yasmine", "Omar",
	"Aiko", "Hiroshi", "Wei", "Xin", "Arjun", "Ravi", "Ingrid", "Lars",
	"Magnus", "Astrid", "Pedro", "Lucía", "Joaquín", "Camila", "Diego",
	"Thomas", "Sarah", "David", "Laura", "Daniel", "Julia", "Michael", "Anna",
	"Samuel", "Eva", "Benjamin", "Clara", "Alexandre", "Catherine", "Simon",
	"Valérie", "Patrick", "Nathalie", "Antoine", "Julie", "Vincent", "Sophie",
	"Marc", "Caroline", "Olivier", "Mélanie", "Hugo", "Émilie", "Tariq",
	"Amara", "Kwame", "Chiara", "Giulia", "Marco", "Dmitri", "Olga", "Nikolai",
	"Katarzyna", "Piotr", "Zsófia", "Bence", "Ayşe", "Mehmet", "Rania",
	"Tomás", "Inês", "Siobhán", "Niamh", "Eoin", "Freya", "Ines", "Jonas",
}

var lastNames = []string{
	"Hightower", "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier",
	"Morin", "Lavoie", "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger",
	"Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
	"Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier",
	"Lapointe", "Leclerc", "Lefebvre", "Müller", "Schmidt", "Schneider",
	"Nakamura", "Tanaka", "Okafor", "Adeyemi", "Silva", "García", "Núñez",
	"Rodríguez", "Fernández", "Kowalski", "Nowak", "Wiśniewski", "Johansson",
	"Andersson", "Nielsen", "Jørgensen", "Chen", "Wang", "Li", "Zhang", "Liu",
	"Patel", "Sharma", "Singh", "Kumar", "Haddad", "Khalil", "Mansour",
	"Smith", "Johnson", "Brown", "Taylor", "Wilson", "Martin", "Anderson",
	"O'Brien", "Murphy", "Kelly", "Rossi", "Russo", "Ferrari", "Bianchi",
	"Ivanov", "Petrov", "Novák", "Horváth", "Nagy", "Yılmaz", "Demir",
	"Kaya", "Dubois", "Lambert", "Fontaine", "Rousseau", "Blanchard",
	"Laurent", "Moreau", "Mercier", "Dupont", "Leroy", "Bernard", "Durand",
	"Weber", "Wagner", "Becker", "Hoffmann", "Kim", "Park", "Nguyen", "Tran",
	"Pham", "Santos", "Oliveira", "Costa", "Pereira", "Almeida", "Carvalho",
	"Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto",
}

var sentences = []string{
	"In this talk we share how our team moved {n} services to {tech} without a single outage.",
	"We will walk through the architecture, the mistakes we made, and the tooling we built along the way.",
	"You will leave with a checklist for {concept} that you can apply to your own clusters on Monday.",
	"{tech} promises a lot, but running it in production at {org} taught us where the sharp edges are.",
	"This session compares {tech} and {tech} for {concept}, with benchmarks and real incident reports.",
	"We start from first principles and build up to a working demo of {concept} on a laptop.",
	"Attendees should be comfortable with containers and the basics of {tech}.",
	"The speakers maintain several open source projects and have contributed to {tech} for years.",
	"Expect live debugging, honest numbers, and a few war stories from on-call rotations.",
	"We explain how {concept} changes the way developers and operators work together.",
	"Our platform now serves {n} teams, and we will show what made adoption succeed where it had failed before.",
	"Security is not an afterthought: we cover threat models, least privilege and audit trails for {concept}.",
	"The talk ends with an open discussion of what the community should build next.",
	"We measured latency, cost and developer happiness before and after adopting {tech}.",
	"Learn how to extend {tech} with custom resources and controllers written in Go.",
	"A short history of {concept} sets the scene before we dive into the hands-on part.",
	"Bring a laptop with Docker installed if you want to follow along with the exercises.",
	"We discuss the trade-offs between managed offerings and running {tech} yourself.",
	"This is a beginner-friendly introduction, with pointers for those who want to go deeper.",
	"Cette présentation est donnée en français, avec des diapositives en anglais.",
	"Nous montrerons comment {org} a adopté {tech} pour ses équipes de développement.",
	"Finally, we look at the roadmap and how you can get involved in the project.",
}
