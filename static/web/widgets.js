/* The small pieces every screen uses, registered once for the whole app: <rw-avatar>, <rw-modal>,
   <rw-tabs>, <rw-empty> (with the next step in its slot), <rw-share-card> (how customers arrive),
   <rw-field> (a form field with the server's word on it), <rw-more> ("load more" under a paged
   list) and <rw-chart>. */
import Avatar from "./widgets/avatar.js";
import Chart from "./widgets/chart.js";
import Empty from "./widgets/empty.js";
import Field from "./widgets/field.js";
import Modal from "./widgets/modal.js";
import More from "./widgets/more.js";
import ShareCard from "./widgets/share-card.js";
import Tabs from "./widgets/tabs.js";

export default {
  install(app) {
    const widgets = { "rw-avatar": Avatar, "rw-chart": Chart, "rw-empty": Empty, "rw-field": Field, "rw-modal": Modal,
                      "rw-more": More, "rw-share-card": ShareCard, "rw-tabs": Tabs };
    for (const [name, widget] of Object.entries(widgets)) app.component(name, widget);
  },
};
