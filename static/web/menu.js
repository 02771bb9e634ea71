/* The screens of the menu, in order: each a module loaded when first opened. `roles`: who may see it
   (everyone when absent). A new screen is a line here and a file in views/. */
import { ROLE_ADMIN, ROLE_BOSS } from "./api.js";

export const SCREENS = [
  { name: "radar", label: "雷达", icon: "◎", load: () => import("./views/radar.js") },
  { name: "customers", label: "客户", icon: "☺", load: () => import("./views/customers.js") },
  { name: "chat", label: "聊天", icon: "✉", load: () => import("./views/chat.js") },
  { name: "articles", label: "文章", icon: "✎", load: () => import("./views/articles.js") },
  { name: "card", label: "名片", icon: "▣", load: () => import("./views/card.js") },
  { name: "products", label: "产品", icon: "◆", load: () => import("./views/products.js") },
  { name: "boss", label: "Boss", icon: "▲", roles: [ROLE_ADMIN, ROLE_BOSS], load: () => import("./views/boss.js") },
  { name: "admin", label: "管理", icon: "⚙", roles: [ROLE_ADMIN], load: () => import("./views/admin.js") },
];

// Before signing in.
export const DOORS = {
  login: () => import("./views/login.js"),
  setup: () => import("./views/setup.js"),
};
