import { keyCompletions } from "../lib/config";
console.log(keyCompletions(["resources", 0, "endpoint"], undefined).map((k) => k.key));
console.log(keyCompletions(["resources", 0, "endpoint"], {}).map((k) => k.key));
console.log(keyCompletions(["resources", 0], {}).map((k) => k.key));
console.log(keyCompletions(["client", "paginator"], {}).map((k) => k.key));
console.log(keyCompletions(["client", "paginator"], {client: {paginator: {type: "offset"}}}).map((k) => k.key));
