/* What the login and setup forms share: both end in a session, the call's answer, or its error
   shown under the form. */
import { publicPost } from "../api.js";

export default {
  emits: ["signed-in"],
  data: () => ({ busy: false, error: "" }),
  methods: {
    async signIn(path, body) {
      this.busy = true;
      this.error = "";
      try {
        const session = await publicPost(path, body);
        history.replaceState(null, "", "/"); // from /setup?token=… the address keeps no token
        this.$emit("signed-in", session);
      } catch (error) {
        this.error = error.message;
      } finally {
        this.busy = false;
      }
    },
  },
};
