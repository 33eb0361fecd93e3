use leptos::prelude::*;
use shared::domain::{SIGNATURE_HEIGHT, SIGNATURE_WIDTH};

/// Draws under the finger and keeps the hidden `strokes` field in the format
/// `SignatureStrokes::parse` reads: `x,y x,y;x,y …`, in the canvas's own box (its `width` and
/// `height` attributes, `SIGNATURE_WIDTH` × `SIGNATURE_HEIGHT`) whatever its size on screen.
/// Wires every pad not wired yet and marks it `data-hydrated` (tests and styles wait for it).
const SIGNATURE_PAD_SCRIPT: &str = r##"(function () {
  document.querySelectorAll(".signature-pad:not([data-hydrated])").forEach(function (pad) {
    var canvas = pad.querySelector("canvas");
    var field = pad.querySelector('input[name="strokes"]');
    var context = canvas.getContext("2d");
    var strokes = [];
    var drawing = false;
    function scale(offset, size, max) {
      return Math.round(Math.min(Math.max(offset / Math.max(size, 1) * max, 0), max));
    }
    function point(event) {
      return [scale(event.offsetX, canvas.clientWidth, canvas.width),
              scale(event.offsetY, canvas.clientHeight, canvas.height)];
    }
    function drawTo(from, to) {
      context.lineWidth = 6;
      context.lineCap = "round";
      context.strokeStyle = "#1d2a5b";
      context.beginPath();
      context.moveTo(from[0], from[1]);
      context.lineTo(to[0], to[1]);
      context.stroke();
    }
    function keep() {
      field.value = strokes.map(function (stroke) {
        return stroke.map(function (at) { return at[0] + "," + at[1]; }).join(" ");
      }).join(";");
    }
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      var at = point(event);
      drawing = true;
      strokes.push([at]);
      drawTo(at, at);
      keep();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      event.preventDefault();
      var at = point(event);
      var stroke = strokes[strokes.length - 1];
      var previous = stroke[stroke.length - 1];
      if (previous[0] === at[0] && previous[1] === at[1]) return;
      stroke.push(at);
      drawTo(previous, at);
      keep();
    });
    function stop() { drawing = false; }
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointerleave", stop);
    pad.querySelector('[data-test="clear-signature"]').addEventListener("click", function () {
      strokes = [];
      keep();
      context.clearRect(0, 0, canvas.width, canvas.height);
    });
    pad.dataset.hydrated = "true";
  });
})();"##;

/// A box to sign in with a finger (or a mouse), inside a form: the strokes go into a hidden
/// field named `strokes` (see [`SIGNATURE_PAD_SCRIPT`]).
///
/// Plain HTML and a few dozen lines of inline script rather than an island: the signature page
/// is one a youth opens on their own phone, and the pad alone does not earn the Leptos runtime
/// (decision 0001). Signing needs JavaScript; the page around it says so and offers the paper
/// sheet instead.
#[component]
pub fn SignaturePad(
    /// What the canvas is, for screen readers: « Signature de Awa Diop ».
    label: String,
) -> impl IntoView {
    view! {
        <div class="signature-pad">
            <canvas
                class="signature-pad__canvas"
                width=SIGNATURE_WIDTH
                height=SIGNATURE_HEIGHT
                role="img"
                aria-label=label
                data-test="signature-pad"
            ></canvas>
            <input type="hidden" name="strokes" value="" data-test="signature-strokes" />
            <button type="button" class="button button--secondary" data-test="clear-signature">
                "Effacer"
            </button>
        </div>
        <script nonce=leptos::nonce::use_nonce() inner_html=SIGNATURE_PAD_SCRIPT></script>
    }
}
