/* The hash router: #/name/param -> route {name, param}. */
import { reactive } from "vue";

export const route = reactive({ name: "", param: "" });

function readRoute() {
  const [name = "", param = ""] = location.hash.replace(/^#\/?/, "").split("/");
  route.name = decodeURIComponent(name);
  route.param = decodeURIComponent(param);
}
window.addEventListener("hashchange", readRoute);
readRoute();

export function go(name, param) {
  location.hash = `#/${name}${param !== undefined && param !== "" ? `/${param}` : ""}`;
}
