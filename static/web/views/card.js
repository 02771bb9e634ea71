/* 名片 and 产品: the business card customers see (information, signature, tags, photos, avatar,
   QR code) and the products on it. Pictures go up in chunks like the mini-program's. */
"use strict";

const CARD_FIELDS = [["mingpian_phone", "名片手机"], ["wechat", "微信"], ["telephone", "座机"], ["email", "邮箱"],
  ["position", "职位"], ["area", "地区"], ["address", "地址"]];

RW.views.card = {
  data: () => ({ card: null, form: null, sign: "", showPhone: true, newTag: "", busy: false, fields: CARD_FIELDS }),
  created() {
    this.load();
  },
  methods: {
    async load() {
      await RW.attempt(async () => {
        this.card = (await RW.get(`${RW.Q}/mingpian`)).ret_data[0];
        this.form = Object.fromEntries(CARD_FIELDS.map(([field]) => [field, this.card[field] || ""]));
        this.form.country = this.card.country === "国外" ? 2 : 1;
        this.sign = this.card.sign || "";
        this.showPhone = this.card.is_show_phone;
      });
    },
    async run(action, done) {
      this.busy = true;
      await RW.attempt(async () => {
        await action();
        await this.load();
      }, done);
      this.busy = false;
    },
    saveInfo() {
      const body = Object.fromEntries(Object.entries(this.form).filter(([key, value]) => value !== "" || key === "mingpian_phone"));
      this.run(() => RW.post(`${RW.Q}/mingpian/save_info`, body), "名片已保存");
    },
    saveSign() { this.run(() => RW.post(`${RW.Q}/mingpian/save_sign`, { sign: this.sign }), "签名已保存"); },
    savePhone() {
      this.run(() => RW.post(`${RW.Q}/mingpian/save_phone`, { mingpian_phone: this.form.mingpian_phone, is_show_phone: this.showPhone }),
               this.showPhone ? "客户可以看到手机号" : "手机号已对客户隐藏");
    },
    addTag() {
      this.run(async () => {
        await RW.post(`${RW.Q}/tag_user/add`, { name: this.newTag });
        this.newTag = "";
      });
    },
    removeTag(tag) { this.run(() => RW.post(`${RW.Q}/tag_user/delete`, { id: tag.id })); },
    upload(event, source) {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      this.run(() => RW.upload(file, { chunkPath: "/zhugeleida/public/img_upload", mergePath: "/zhugeleida/public/img_merge",
                                       fields: { img_source: source } }), source === "user_photo" ? "照片已上传" : "头像已更换");
    },
    removePhoto(id) { this.run(() => RW.post(`${RW.Q}/mingpian/delete_photo`, { photo_id: id }), "照片已删除"); },
    makeQr() { this.run(() => RW.post(`${RW.Q}/mingpian/create_small_program_qr_code`), "二维码已生成"); },
    media: RW.media,
  },
  template: `<section class="view card-view" v-if="card">
    <header class="view-head"><label class="avatar-edit" title="更换头像"><rw-avatar :src="card.avatar" :size="56"></rw-avatar>
        <input type="file" accept="image/*" @change="upload($event, 'user_avatar')" hidden></label>
      <div class="grow"><h2>{{ card.username }}</h2><p class="muted small">{{ card.position }} · {{ card.company }}</p></div></header>
    <div class="grid">
      <form class="card form" @submit.prevent="saveInfo" id="card-form"><h3>名片信息</h3>
        <label v-for="[field, label] in fields" :key="field">{{ label }}<input v-model.trim="form[field]" :id="'card-' + field"
          :required="field === 'mingpian_phone'"></label>
        <label>国家/地区<select v-model.number="form.country"><option :value="1">国内</option><option :value="2">国外</option></select></label>
        <button class="primary" :disabled="busy">保存</button></form>
      <section class="card">
        <h3>签名</h3>
        <form class="form" @submit.prevent="saveSign"><textarea v-model.trim="sign" rows="3" maxlength="200" id="card-sign"></textarea>
          <button :disabled="busy">保存签名</button></form>
        <h3>手机号</h3>
        <label class="check"><input type="checkbox" v-model="showPhone" @change="savePhone"> 客户可以看到我的手机号</label>
        <h3>我的标签</h3>
        <p class="chips"><span class="chip" v-for="tag in card.tag" :key="tag.id">{{ tag.name }} <button class="x" @click="removeTag(tag)" aria-label="删除">×</button></span></p>
        <form class="inline" @submit.prevent="addTag"><input v-model.trim="newTag" maxlength="16" placeholder="新标签" required aria-label="新标签"><button>添加</button></form>
      </section>
      <section class="card wide">
        <h3>照片 <label class="link">上传<input type="file" accept="image/*" @change="upload($event, 'user_photo')" hidden id="photo-input"></label></h3>
        <div class="photos" id="card-photos"><figure v-for="[id, url] in card.photo" :key="id"><img :src="media(url)" alt="">
          <button class="x" @click="removePhoto(id)" aria-label="删除照片">×</button></figure></div>
        <rw-empty v-if="!card.photo.length" text="还没有照片"></rw-empty>
      </section>
      <section class="card"><h3>名片二维码</h3>
        <img v-if="card.qr_code" :src="media(card.qr_code)" class="qr" alt="名片二维码">
        <p><button @click="makeQr" :disabled="busy">{{ card.qr_code ? '重新生成' : '生成二维码' }}</button></p></section>
    </div>
  </section>`,
};

const STATUS = { 1: "已发布", 2: "已下架", 3: "推荐" };

RW.views.products = {
  data: () => ({ status: "", rows: [], total: 0, editing: null, busy: false, statuses: STATUS }),
  created() {
    this.load();
  },
  watch: { status() { this.load(); } },
  computed: {
    isAdmin() { return this.$root.session.role_id === RW.ROLE_ADMIN; },
  },
  methods: {
    async load() {
      await RW.attempt(async () => {
        const data = await RW.get(`${RW.Q}/product/product_list`, { status_code: this.status, length: 0 });
        this.rows = data.ret_data;
        this.total = data.data_count;
      });
    },
    cover(row) {
      const block = (row.content.cover_data || [])[0];
      return block ? RW.media(block.data[0]) : "";
    },
    async setStatus(row, status) {
      await RW.attempt(async () => {
        await RW.post(`${RW.Q}/product/change_status/${row.id}`, { status });
        await this.load();
      });
    },
    create() {
      this.editing = { id: null, name: "", price: "", reason: "", cover: "", title: "", text: "", company_product: false };
    },
    async edit(row) {
      await RW.attempt(async () => {
        const product = (await RW.get(`${RW.Q}/product/product_single`, { product_id: row.id })).ret_data[0];
        const blocks = product.content.article_data || [];
        const first = (type) => (blocks.find((block) => block.type === type) || { data: [""] }).data[0];
        this.editing = { id: row.id, name: product.name, price: product.price, reason: product.reason || "",
                         cover: this.cover(product).replace(/^\//, ""), title: first("title"), text: first("content") };
      });
    },
    async uploadCover(event) {
      const file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      this.busy = true;
      try {
        const made = await RW.upload(file, { chunkPath: `${RW.Q}/product/add_picture/0`, mergePath: `${RW.Q}/product/upload_complete/0`,
                                             fields: { picture_type: 1 } });
        this.editing.cover = made.ret_data.picture_url;
      } catch (error) {
        RW.fail(error);
      } finally {
        this.busy = false;
      }
    },
    async save() {
      const form = this.editing;
      const content = { cover_data: form.cover ? [{ type: "picture_url", data: [form.cover] }] : [], article_data: [] };
      if (form.title) content.article_data.push({ type: "title", data: [form.title] });
      if (form.text) content.article_data.push({ type: "content", data: [form.text] });
      const body = { name: form.name, price: form.price, reason: form.reason, content };
      if (!form.id && form.company_product) body.company_product = 1;
      await RW.attempt(async () => {
        await RW.post(form.id ? `${RW.Q}/product/update/${form.id}` : `${RW.Q}/product/add/0`, body);
        this.editing = null;
        RW.notify("产品已保存", "ok");
        await this.load();
      });
    },
    async remove(row) {
      if (!confirm(`删除产品「${row.name}」?`)) return;
      await RW.attempt(async () => {
        await RW.post(`${RW.Q}/product/delete/${row.id}`);
        await this.load();
      });
    },
    media: RW.media,
  },
  template: `<section class="view products">
    <header class="view-head"><h2>产品</h2><button class="primary" @click="create" id="product-new">添加产品</button></header>
    <div class="filters"><select v-model="status" aria-label="状态"><option value="">全部</option>
      <option v-for="(name, code) in statuses" :key="code" :value="code">{{ name }}</option></select></div>
    <ul class="list" id="product-list"><li v-for="row in rows" :key="row.id">
      <img v-if="cover(row)" :src="cover(row)" class="cover" alt="">
      <div class="grow"><b>{{ row.name }}</b> <span class="chip">{{ row.status }}</span>
        <p class="muted small">¥{{ row.price }} · {{ row.publisher }}</p></div>
      <div class="row-actions">
        <button v-if="row.status_code !== 1" @click="setStatus(row, 1)">发布</button>
        <button v-if="row.status_code !== 3" @click="setStatus(row, 3)">推荐</button>
        <button v-if="row.status_code !== 2" @click="setStatus(row, 2)">下架</button>
        <button @click="edit(row)">编辑</button><button class="danger" @click="remove(row)">删除</button></div>
    </li></ul>
    <rw-empty v-if="!rows.length" text="还没有产品"></rw-empty>
    <rw-modal v-if="editing" :title="editing.id ? '编辑产品' : '添加产品'" @close="editing = null">
      <form class="form" @submit.prevent="save">
        <label>名称<input v-model.trim="editing.name" required maxlength="64" id="product-name"></label>
        <label>价格<input v-model.trim="editing.price" required maxlength="16" id="product-price"></label>
        <label>推荐理由<input v-model.trim="editing.reason" maxlength="200"></label>
        <label>封面<input type="file" accept="image/*" @change="uploadCover" :disabled="busy"></label>
        <img v-if="editing.cover" :src="media(editing.cover)" class="cover" alt="">
        <label>介绍标题<input v-model.trim="editing.title" maxlength="100"></label>
        <label>介绍内容<textarea v-model="editing.text" rows="4"></textarea></label>
        <label class="check" v-if="!editing.id && isAdmin"><input type="checkbox" v-model="editing.company_product"> 作为企业产品发布</label>
        <button class="primary" :disabled="busy">保存</button>
      </form>
    </rw-modal>
  </section>`,
};
