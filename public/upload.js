// @ts-check
// Uploads for the document forms (app/components/upload-form.tsx). Without this script each form
// posts its files to the page as usual. With it, photos are made smaller in the browser (long
// edge at most 2,000 px, JPEG, which also drops EXIF such as a GPS position), and each file goes
// to the upload API in resumable pieces. A file and its upload's id stay in IndexedDB until the
// server has the file, so a dropped connection or a reloaded page continues where it stopped.
(function () {
  "use strict";
  /**
   * @typedef {{ url: string, slot: string | null, date: string | null, valid: string | null, at: number }} Base
   * @typedef {Base & { id?: IDBValidKey, name: string, blob: Blob, session: string | null, restarted?: boolean }} Job
   * @typedef {{ file: File, base: Base }} Chosen
   * @typedef {{ status: number, data: any }} Answer
   */
  var CHUNK = 262144,
    EDGE = 2000,
    DAY = 864e5;
  var lang = document.documentElement.lang || "de";
  var running = 0,
    stored = 0,
    held = false;
  /** @type {Promise<IDBDatabase> | undefined} */
  var db;

  function init() {
    /** @type {HTMLFormElement[]} */
    var forms = [].slice.call(document.querySelectorAll("form[data-upload-url]"));
    if (!forms.length || !window.fetch || !window.indexedDB || !window.Blob) return;
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        /** @type {File[]} */
        var files = [];
        form.querySelectorAll("input[type=file]").forEach(function (input) {
          files.push.apply(files, [].slice.call(/** @type {HTMLInputElement} */ (input).files || []));
        });
        if (!files.length) return; // the server says "choose a file"
        event.preventDefault();
        if (form.getAttribute("aria-busy") === "true") return;
        /** @type {Base} */
        var base = {
          url: String(form.dataset.uploadUrl),
          slot: field(form, "documentTypeId"),
          date: field(form, "documentDate"),
          valid: field(form, "validUntil"),
          at: Date.now(),
        };
        // Without IndexedDB (some private windows) the plain form does the job.
        idb("readonly", function (s) {
          return s.count();
        }).then(
          function () {
            run(
              form,
              files.map(function (file) {
                return { file: file, base: base };
              }),
            );
          },
          function () {
            form.submit();
          },
        );
      });
    });
    // Continue what a reload or a lost connection interrupted.
    idb("readonly", function (s) {
      return s.getAll();
    })
      .then(function (/** @type {Job[]} */ jobs) {
        /** @type {Job[]} */
        var taken = [];
        forms.forEach(function (form) {
          var mine = jobs.filter(function (j) {
            return j.url === form.dataset.uploadUrl && j.slot === field(form, "documentTypeId");
          });
          if (!mine.length) return;
          taken.push.apply(taken, mine);
          say(form, text(form, "resuming"));
          run(form, mine);
        });
        jobs.forEach(function (j) {
          if (taken.indexOf(j) < 0 && Date.now() - j.at > DAY) forget(j);
        });
      })
      .catch(function () {});
  }

  /** @param {HTMLFormElement} form @param {string} name */
  function field(form, name) {
    var el = /** @type {HTMLInputElement | null} */ (form.querySelector(`[name=${name}]`));
    return el?.value ? el.value : null;
  }

  /** @param {IDBTransactionMode} mode @param {(s: IDBObjectStore) => IDBRequest} work @returns {Promise<any>} */
  function idb(mode, work) {
    db =
      db ||
      new Promise(function (ok, fail) {
        var r = indexedDB.open("lotse-uploads", 1);
        r.onupgradeneeded = function () {
          r.result.createObjectStore("jobs", { keyPath: "id", autoIncrement: true });
        };
        r.onsuccess = function () {
          ok(r.result);
        };
        r.onerror = function () {
          fail(r.error);
        };
      });
    return db.then(function (d) {
      return new Promise(function (ok, fail) {
        var tx = d.transaction("jobs", mode),
          req = work(tx.objectStore("jobs"));
        tx.oncomplete = function () {
          ok(req.result);
        };
        tx.onerror = tx.onabort = function () {
          fail(tx.error);
        };
      });
    });
  }
  /** @param {Job} job */
  function save(job) {
    return idb("readwrite", function (s) {
      return s.put(job);
    }).then(
      function (id) {
        job.id = id;
      },
      function () {},
    );
  }
  /** @param {Job} job */
  function forget(job) {
    var id = /** @type {IDBValidKey} */ (job.id);
    return id
      ? idb("readwrite", function (s) {
          return s.delete(id);
        }).catch(function () {})
      : Promise.resolve();
  }

  /** @param {number} n @param {boolean} [percent] */
  function number(n, percent) {
    try {
      return new Intl.NumberFormat(lang, percent ? { style: "percent" } : {}).format(n);
    } catch (_e) {
      return String(percent ? `${Math.round(n * 100)} %` : n);
    }
  }
  /** @param {HTMLFormElement} form @param {string} name @param {Record<string, string>} [values] */
  function text(form, name, values) {
    var s = form.getAttribute(`data-text-${name}`) || "";
    for (var k in values) s = s.split(`{${k}}`).join(values[k]);
    return s;
  }
  /** @param {HTMLFormElement} form @param {string} message */
  function say(form, message) {
    /** @type {HTMLElement} */ (form.querySelector("[role=status]")).textContent = message;
  }
  /** @param {HTMLFormElement} form @param {boolean} on */
  function busy(form, on) {
    form.setAttribute("aria-busy", String(on));
    /** @type {HTMLElement} */ (form.querySelector(".upload-progress")).hidden = !on;
    form.querySelectorAll("button, input[type=file]").forEach(function (node) {
      var el = /** @type {HTMLInputElement} */ (node);
      el.disabled = on;
      if (!on && el.type === "file") el.value = "";
    });
  }
  /** @param {HTMLFormElement} form @param {number} fraction @param {number} n @param {number} total */
  function show(form, fraction, n, total) {
    /** @type {HTMLProgressElement} */ (form.querySelector("progress")).value = fraction * 100;
    // The live region speaks at each quarter; the bar moves with every piece.
    var step = String(Math.floor(fraction * 4));
    if (form.dataset.step === step) return;
    form.dataset.step = step;
    say(form, text(form, "uploading", { current: number(n), total: number(total), percent: number(Math.floor(fraction * 100) / 100, true) }));
  }

  // A photo the browser can decode (JPEG, PNG, HEIC in Safari, …) as a JPEG of at most EDGE px;
  // anything else (PDFs, HEIC elsewhere) as it is: the server checks and converts.
  /** @param {File} file @returns {Promise<Blob>} */
  function prepare(file) {
    if (!/^image\//.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" })
      .then(function (image) {
        var scale = Math.min(1, EDGE / Math.max(image.width, image.height));
        var w = Math.max(1, Math.round(image.width * scale)),
          h = Math.max(1, Math.round(image.height * scale));
        var canvas = window.OffscreenCanvas ? new OffscreenCanvas(w, h) : document.createElement("canvas");
        canvas.width = w;
        canvas.height = h;
        var g = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
        g.fillStyle = "#fff"; // transparent PNGs on white, as on paper
        g.fillRect(0, 0, w, h);
        g.imageSmoothingQuality = "high";
        g.drawImage(image, 0, 0, w, h);
        image.close();
        return "convertToBlob" in canvas
          ? canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 })
          : new Promise(function (ok) {
              /** @type {HTMLCanvasElement} */ (canvas).toBlob(ok, "image/jpeg", 0.85);
            });
      })
      .then(
        function (/** @type {Blob | null} */ blob) {
          return blob?.size && blob.type === "image/jpeg" ? blob : file;
        },
        function () {
          return file;
        },
      );
  }

  // fetch with the page's language for messages; network failures, 5xx and 429 are tried again
  // with growing pauses (or at once when the device is online again), then the upload pauses.
  /** @param {HTMLFormElement} form @param {string} method @param {string} url @param {BodyInit} [body] @param {Record<string, string>} [headers] @returns {Promise<Answer>} */
  function call(form, method, url, body, headers) {
    var attempt = 0;
    /** @returns {Promise<Answer>} */
    function go() {
      return fetch(`${url + (url.indexOf("?") < 0 ? "?" : "&")}lng=${encodeURIComponent(lang)}`, {
        method: method,
        body: body,
        headers: headers,
        credentials: "same-origin",
        cache: "no-store",
      })
        .then(function (r) {
          // An answer cut off (the server died while sending it) is tried again like a lost one.
          return r
            .json()
            .catch(function () {
              if (r.ok) throw {};
              return {};
            })
            .then(function (data) {
              if (r.status < 500 && r.status !== 429) return { status: r.status, data: data };
              throw data;
            });
        })
        .catch(function (error) {
          if (++attempt > 12) throw { paused: true };
          var wait = Math.min(30, 2 ** attempt);
          say(form, (error?.reason ? `${error.message} ` : "") + text(form, "retrying", { seconds: number(wait) }));
          return new Promise(function (ok) {
            var timer = setTimeout(again, wait * 1000);
            function again() {
              clearTimeout(timer);
              removeEventListener("online", again);
              ok(undefined);
            }
            addEventListener("online", again);
          }).then(go);
        });
    }
    return go();
  }

  /** @param {HTMLFormElement} form @param {Job} job @returns {Promise<number>} */
  function create(form, job) {
    var body = JSON.stringify({ documentTypeId: job.slot, totalBytes: job.blob.size, name: job.name, documentDate: job.date, validUntil: job.valid });
    return call(form, "POST", job.url, body, { "Content-Type": "application/json" }).then(function (r) {
      if (r.status !== 201) throw r.data;
      job.session = r.data.id;
      return save(job).then(function () {
        return 0;
      });
    });
  }
  // The upload is gone (expired, or finished while its answer was lost): once, start it afresh.
  /** @param {HTMLFormElement} form @param {Job} job @param {unknown} data */
  function restart(form, job, data) {
    if (job.restarted) throw data;
    job.restarted = true;
    job.session = null;
    return create(form, job);
  }
  /** @param {HTMLFormElement} form @param {Job} job @returns {Promise<number>} */
  function open(form, job) {
    if (!job.session) return create(form, job);
    return call(form, "GET", `${job.url}/${job.session}`).then(function (r) {
      if (r.status === 200) return r.data.offset;
      if (r.status === 404) return restart(form, job, r.data);
      throw r.data;
    });
  }
  /** @param {HTMLFormElement} form @param {Job} job @param {number} offset @param {number} n @param {number} total @returns {Promise<unknown>} */
  function send(form, job, offset, n, total) {
    var headers = { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" };
    return call(form, "PUT", `${job.url}/${job.session}`, job.blob.slice(offset, offset + CHUNK), headers).then(function (r) {
      var d = r.data;
      if (r.status === 409 && typeof d.offset === "number") return send(form, job, d.offset, n, total);
      if (r.status === 404)
        return restart(form, job, d).then(function (o) {
          return send(form, job, o, n, total);
        });
      if (r.status !== 200) throw d;
      show(form, d.offset / job.blob.size, n, total);
      return d.done || send(form, job, d.offset, n, total);
    });
  }

  // Uploads the items (files just chosen, or jobs from IndexedDB) of one form, one after the other.
  /** @param {HTMLFormElement} form @param {Array<Chosen | Job>} items */
  function run(form, items) {
    var total = items.length,
      done = 0,
      paused = false;
    /** @type {string[]} */
    var problems = [];
    running++;
    held = false;
    busy(form, true);
    var chain = Promise.resolve();
    items.forEach(function (item, i) {
      chain = chain.then(function () {
        var n = i + 1;
        form.dataset.step = "";
        /** @type {Promise<Job>} */
        var ready;
        if ("file" in item) {
          var file = item.file,
            base = item.base;
          say(form, text(form, "preparing", { current: number(n), total: number(total) }));
          ready = prepare(file).then(function (blob) {
            /** @type {Job} */
            var job = Object.assign({}, base, { blob: blob, name: blob === file ? file.name : `${file.name.replace(/\.[^.]*$/, "")}.jpg`, session: null });
            return save(job).then(function () {
              return job;
            });
          });
        } else ready = Promise.resolve(item);
        return ready.then(function (job) {
          return open(form, job)
            .then(function (offset) {
              return send(form, job, offset, n, total);
            })
            .then(
              function () {
                done++;
                return forget(job);
              },
              function (error) {
                if (error?.paused) {
                  paused = true;
                  return;
                }
                problems.push(error?.message || text(form, "failed"));
                return forget(job);
              },
            );
        });
      });
    });
    return chain
      .catch(function () {
        paused = true;
      })
      .then(function () {
        running--;
        stored += done;
        busy(form, false);
        if (problems.length || paused) {
          held = true;
          say(form, (done ? `${text(form, "partly", { stored: number(done), total: number(total) })} ` : "") + (problems.join(" ") || text(form, "paused")));
        } else if (done) say(form, text(form, "done"));
        // Every upload on the page is over: show the server's list of documents, unless a message
        // is waiting to be read.
        if (!running && stored && !held) location.replace(location.pathname + location.search);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
