use leptos::prelude::*;
use shared::domain::{SIGNATURE_HEIGHT, SIGNATURE_WIDTH, strokes_text};

/// A box to sign in with a finger (or a mouse), inside a form: the strokes go into a hidden
/// field named `strokes`, as `x,y x,y;x,y …` in a 1000 × 400 box whatever the screen, which
/// `SignatureStrokes::parse` reads on the server.
///
/// Signing needs JavaScript; the page around it says so and offers the paper sheet instead.
#[island(lazy)]
pub fn SignaturePad(
    /// What the canvas is, for screen readers: « Signature de Awa Diop ».
    label: String,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let strokes = RwSignal::new(Vec::<Vec<(u16, u16)>>::new());
    let drawing = RwSignal::new(false);
    // Tells tests (and styles) that drawing works: before hydration the canvas is inert.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let encoded = move || strokes.with(|strokes| strokes_text(strokes));

    // Where the pointer is, in the signature's own box.
    let point = move |event: &leptos::ev::PointerEvent| -> Option<(u16, u16)> {
        let element = canvas.get_untracked()?;
        let width = f64::from(element.client_width().max(1));
        let height = f64::from(element.client_height().max(1));
        let scale = |offset: i32, size: f64, max: u16| {
            let scaled = f64::from(offset) / size * f64::from(max);
            scaled.clamp(0.0, f64::from(max)).round() as u16
        };
        Some((
            scale(event.offset_x(), width, SIGNATURE_WIDTH),
            scale(event.offset_y(), height, SIGNATURE_HEIGHT),
        ))
    };
    let draw_to = move |from: (u16, u16), to: (u16, u16)| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(element) = canvas.get_untracked() else {
                return;
            };
            let Some(context) = element
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            else {
                return;
            };
            context.set_line_width(6.0);
            context.set_line_cap("round");
            context.set_stroke_style_str("#1d2a5b");
            context.begin_path();
            context.move_to(f64::from(from.0), f64::from(from.1));
            context.line_to(f64::from(to.0), f64::from(to.1));
            context.stroke();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (from, to);
    };
    let on_down = move |event: leptos::ev::PointerEvent| {
        event.prevent_default();
        let Some(at) = point(&event) else { return };
        drawing.set(true);
        strokes.update(|strokes| strokes.push(vec![at]));
        draw_to(at, at);
    };
    let on_move = move |event: leptos::ev::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        event.prevent_default();
        let Some(at) = point(&event) else { return };
        let mut previous = None;
        strokes.update(|strokes| {
            if let Some(stroke) = strokes.last_mut() {
                previous = stroke.last().copied();
                if previous != Some(at) {
                    stroke.push(at);
                }
            }
        });
        if let Some(previous) = previous {
            draw_to(previous, at);
        }
    };
    let on_up = move |_event: leptos::ev::PointerEvent| drawing.set(false);
    let clear = move |_| {
        strokes.set(Vec::new());
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(context) = canvas.get_untracked().and_then(|element| {
                element
                    .get_context("2d")
                    .ok()
                    .flatten()
                    .and_then(|context| {
                        context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()
                    })
            }) {
                context.clear_rect(
                    0.0,
                    0.0,
                    f64::from(SIGNATURE_WIDTH),
                    f64::from(SIGNATURE_HEIGHT),
                );
            }
        }
    };

    view! {
        <div class="signature-pad" data-hydrated=move || hydrated.get().then_some("true")>
            <canvas
                node_ref=canvas
                class="signature-pad__canvas"
                width=SIGNATURE_WIDTH
                height=SIGNATURE_HEIGHT
                role="img"
                aria-label=label
                data-test="signature-pad"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerleave=on_up
            ></canvas>
            <input type="hidden" name="strokes" prop:value=encoded data-test="signature-strokes" />
            <button
                type="button"
                class="button button--secondary"
                on:click=clear
                data-test="clear-signature"
            >
                "Effacer"
            </button>
        </div>
    }
}
