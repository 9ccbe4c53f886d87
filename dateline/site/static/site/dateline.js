// Progressive enhancement only: the reaction form works without this script.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.classList.contains("reaction")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(response.statusText);
    const data = await response.json();
    form.querySelector(".count").textContent = data.reactions;
    button.setAttribute("aria-pressed", "true");
  } catch (error) {
    button.disabled = false;
    form.submit();
  }
});
