/* The workbench's entry: the shell, the widgets, mounted on #app. */
import { createApp } from "vue";
import App from "./app.js";
import widgets from "./widgets.js";

createApp(App).use(widgets).mount("#app");
