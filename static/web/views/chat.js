/* 聊天: contacts with unread counts and the conversation. Messages arrive on the socket; after a
   drop the socket comes back and the open conversation fetches its newest page again, merged by
   message id, so nothing is lost and nothing is shown twice. */
"use strict";

const PAGE = 20;

function mergeById(rows, more) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of more) byId.set(row.id, { ...byId.get(row.id), ...row });
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

RW.views.chat = {
  props: ["param"],
  data: () => ({ contacts: [], contactTotal: 0, messages: [], total: 0, pages: 0, text: "", sending: false,
                 loading: false }),
  computed: {
    customerId() {
      return Number(this.param) || null;
    },
    current() {
      return this.contacts.find((row) => row.customer_id === this.customerId) || null;
    },
  },
  created() {
    this.off = [
      RW.on("chat", (data) => this.arrived(data.ret_data)),
      RW.on("read", (data) => this.readByCustomer(data.customer_id)),
      RW.on("open", () => this.catchUp()),
    ];
    this.loadContacts();
    if (this.customerId) this.openConversation();
  },
  unmounted() {
    this.off.forEach((off) => off());
    clearTimeout(this.checkTimer);
  },
  watch: {
    customerId(id) {
      this.messages = [];
      if (id) this.openConversation();
    },
  },
  methods: {
    async loadContacts() {
      await RW.attempt(async () => {
        const data = await RW.get(`${RW.Q}/contact`, { length: 100 });
        this.contacts = data.ret_data;
        this.contactTotal = data.data_count;
        RW.live.unread = data.unread_msg_num;
      });
    },
    async fetchPage(page) {
      return RW.get(`${RW.Q}/chat`, { customer_id: this.customerId, current_page: page, length: PAGE });
    },
    async openConversation() {
      this.loading = true;
      try {
        const data = await this.fetchPage(1);
        this.messages = data.ret_data;
        this.total = data.data_count;
        this.pages = 1;
        const row = this.contacts.find((contact) => contact.customer_id === this.customerId);
        if (row) row.count = 0; // opening the conversation reads it
        RW.live.unread = (await RW.get(`${RW.Q}/contact/query_num/0`)).chatinfo_count;
        this.scrollDown();
      } catch (error) {
        RW.fail(error);
      } finally {
        this.loading = false;
      }
    },
    async older() {
      this.loading = true;
      try {
        const data = await this.fetchPage(this.pages + 1);
        this.messages = mergeById(this.messages, data.ret_data);
        this.total = data.data_count;
        this.pages += 1;
      } catch (error) {
        RW.fail(error);
      } finally {
        this.loading = false;
      }
    },
    // Back from a dropped socket: whatever arrived meanwhile is on the newest page (or the contacts).
    // The page first: fetching it reads the conversation, so the contacts' counts come after it.
    async catchUp() {
      if (this.customerId) {
        await RW.attempt(async () => {
          const data = await this.fetchPage(1);
          const known = new Set(this.messages.map((row) => row.id));
          const missed = data.ret_data.filter((row) => !known.has(row.id)).length;
          this.messages = mergeById(this.messages, data.ret_data);
          this.total = data.data_count;
          if (missed) this.scrollDown();
        });
      }
      await this.loadContacts();
    },
    arrived(rows) {
      let readNow = false;
      for (const row of rows) {
        if (row.customer_id === this.customerId) {
          const isNew = !this.messages.some((message) => message.id === row.id);
          this.messages = mergeById(this.messages, [row]);
          if (isNew) this.total += 1;
          readNow = readNow || row.send_type === 2;
        }
        const contact = this.contacts.find((item) => item.customer_id === row.customer_id);
        if (contact) {
          contact.msg = row.msg;
          contact.dateTime = row.dateTime.slice(11, 16);
          if (row.send_type === 2 && row.customer_id !== this.customerId) contact.count += 1;
          this.contacts = [contact, ...this.contacts.filter((item) => item !== contact)];
        } else {
          this.loadContacts();
        }
        if (row.send_type === 2 && row.customer_id !== this.customerId) RW.live.unread += 1;
      }
      if (readNow) {
        RW.sendLive({ type: "read", customer_id: this.customerId }); // seen as it arrived
        this.scrollDown();
      }
    },
    readByCustomer(customerId) {
      if (customerId !== this.customerId) return;
      for (const message of this.messages) {
        if (message.send_type === 1) message.is_customer_already_read = 1;
      }
    },
    async send() {
      if (!this.text) return;
      this.sending = true;
      try {
        const sent = await RW.post(`${RW.Q}/chat/send_msg/0`, {
          customer_id: this.customerId, send_type: 1, content: { info_type: 1, msg: this.text },
        });
        this.text = "";
        // The push brings the message; if the socket is down, the newest page does.
        clearTimeout(this.checkTimer);
        this.checkTimer = setTimeout(() => {
          if (!this.messages.some((row) => row.id === sent.id)) this.catchUp();
        }, 1500);
      } catch (error) {
        RW.fail(error);
      } finally {
        this.sending = false;
      }
    },
    scrollDown() {
      this.$nextTick(() => {
        const box = this.$refs.messages;
        if (box) box.scrollTop = box.scrollHeight;
      });
    },
    go: RW.go,
    media: RW.media,
    time: RW.time,
  },
  template: `<section class="view chat" :class="{open: customerId}">
    <aside class="contacts">
      <header class="view-head"><h2>聊天</h2><span class="live-dot" :class="$root.live.state"></span></header>
      <ul class="list" id="contact-list">
        <li v-for="row in contacts" :key="row.customer_id" :class="{active: row.customer_id === customerId}" @click="go('chat', row.customer_id)">
          <rw-avatar :src="row.src"></rw-avatar>
          <div class="grow"><b>{{ row.name }}</b><p class="muted small ellipsis">{{ row.msg }}</p></div>
          <div class="right"><span class="muted small">{{ row.dateTime }}</span><span v-if="row.count" class="badge">{{ row.count }}</span></div>
        </li>
      </ul>
      <rw-empty v-if="!contacts.length" text="还没有聊天"></rw-empty>
    </aside>
    <div class="conversation" v-if="customerId">
      <header class="view-head"><button class="icon back" @click="go('chat')" aria-label="返回">←</button>
        <h3 class="grow">{{ current ? current.name : '客户' }}</h3>
        <button class="link" @click="go('customers', customerId)">客户资料</button></header>
      <div class="messages" ref="messages" id="messages">
        <rw-more :shown="messages.length" :total="total" :loading="loading" @more="older"></rw-more>
        <div v-for="row in messages" :key="row.id" class="message" :class="row.send_type === 1 ? 'mine' : 'theirs'" :data-id="row.id">
          <rw-avatar v-if="row.send_type === 2" :src="row.customer_avatar" :size="32"></rw-avatar>
          <div class="bubble">
            <div v-if="row.info_type === 2" class="product-msg"><img v-if="row.product_cover_url" :src="media(row.product_cover_url)" alt="">
              <span>咨询产品 <b>{{ row.product_name }}</b> ¥{{ row.product_price }}</span></div>
            <img v-else-if="row.info_type === 4" :src="media(row.url)" class="image-msg" alt="图片">
            <a v-else-if="row.info_type === 5" :href="media(row.url)" target="_blank" rel="noopener">[视频]</a>
            <span v-else class="text">{{ row.msg }}</span>
            <small class="muted">{{ time(row.dateTime).slice(11) }}<template v-if="row.send_type === 1"> · <span class="receipt">{{ row.is_customer_already_read ? '已读' : '未读' }}</span></template></small>
          </div>
        </div>
      </div>
      <form class="composer" @submit.prevent="send">
        <textarea id="chat-text" v-model.trim="text" rows="2" maxlength="2000" placeholder="输入消息,Ctrl+Enter 发送"
          @keydown.enter.ctrl.prevent="send" @keydown.enter.meta.prevent="send"></textarea>
        <button id="chat-send" class="primary" :disabled="sending || !text">发送</button>
      </form>
    </div>
    <div class="conversation placeholder" v-else><rw-empty text="选择一位客户开始聊天"></rw-empty></div>
  </section>`,
};
