/* What the login and setup forms share: both end in a session, the call's answer, or its error
   shown on the field it names or under the form. */
import { publicPost } from "../api.js";
import { problems } from "../fields.js";

export default {
  emits: ["signed-in"],
  data: () => ({ busy: false, error: "", problems: problems() }),
  provide() {
    return { problems: this.problems };
  },
  methods: {
    async signIn(path, body) {
      this.busy = true;
      this.error = "";
      this.problems.clear();
      try {
        const session = await publicPost(path, body);
        history.replaceState(null, "", "/"); // from /setup?token=… the address keeps no token
        this.$emit("signed-in", session);
      } catch (error) {
        if (!this.problems.show(error)) this.error = error.message;
      } finally {
        this.busy = false;
      }
    },
  },
};
