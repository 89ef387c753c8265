// Moving a large view. A software WebGL renderer (Chromium's SwiftShader,
// on a machine without a GPU) spends most of a frame of a large view
// rasterising its links. While the camera moves, the links are therefore
// not drawn again each frame: the picture of them from the last still
// frame is moved and scaled with the camera, as a compositor layer, the
// way web maps move their tiles during a pan; the entities are drawn live
// on top, and the links are drawn afresh when the camera stops. Links
// that enter the view during a move show when it stops. Nor are the
// entities drawn again into sigma's picking buffer while the camera
// moves: no entity is looked for under the pointer during a drag.

// LinkLayer keeps the picture of sigma's links from its last still frame
// and shows it, moved with the camera, in place of the links while the
// camera moves. It acts only while on, on large views.
export class LinkLayer {
  constructor(sigma) {
    this.sigma = sigma;
    this.on = false;
    this.taken = null; // viewport positions of two framed-graph points when the picture was taken
    this.held = null; // the entity programs' picking programs while they are off
    const edges = sigma.getCanvases().edges;
    this.edges = edges;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'sigma-links-still';
    this.canvas.hidden = true;
    edges.after(this.canvas);
    sigma.on('beforeRender', () => this.before());
    sigma.on('afterRender', () => this.after());
  }

  // setOn turns the layer on (sigma then skips the links while moving) or
  // off.
  setOn(on) {
    if (on === this.on) return;
    this.on = on;
    this.taken = null;
    this.canvas.hidden = true;
    this.sigma.setSetting('hideEdgesOnMove', on);
  }

  // moving tells whether sigma draws this frame as a moving one (sigma's
  // own test in Sigma.render).
  moving() {
    const c = this.sigma.getMouseCaptor();
    return this.sigma.getCamera().isAnimated() || c.isMoving || c.draggedEvents || c.currentWheelDirection;
  }

  // ends are where two fixed points of the framed graph fall on screen:
  // the camera's move since the picture was taken is the affine map
  // (a scale and a shift, sigma's camera is not rotated) between two
  // such pairs.
  ends() {
    return [this.sigma.framedGraphToViewport({ x: 0, y: 0 }), this.sigma.framedGraphToViewport({ x: 1, y: 1 })];
  }

  before() {
    const moving = this.on && this.moving();
    this.pickNodes(!moving);
    if (!moving || !this.taken) {
      this.canvas.hidden = true;
      return;
    }
    const [a0, a1] = this.taken;
    const [b0, b1] = this.ends();
    const s = (b1.x - b0.x) / (a1.x - a0.x);
    this.canvas.style.transform = `matrix(${s}, 0, 0, ${s}, ${b0.x - s * a0.x}, ${b0.y - s * a0.y})`;
    this.canvas.hidden = false;
  }

  // pickNodes turns the drawing of the entities into sigma's picking
  // buffer on or off (sigma 3.0's pickingLayers and each program's
  // pickProgram, which it draws the buffer with when set).
  pickNodes(on) {
    if (on === (this.held === null)) return;
    const s = this.sigma;
    const programs = Object.values(s.nodePrograms).flatMap((p) => p.programs || [p]);
    if (on) {
      s.pickingLayers.add('nodes');
      for (const q of programs) if (this.held.has(q)) q.pickProgram = this.held.get(q);
      this.held = null;
    } else {
      s.pickingLayers.delete('nodes');
      this.held = new Map(programs.map((q) => [q, q.pickProgram]));
      for (const q of programs) q.pickProgram = null;
    }
  }

  // after copies the links of a still frame, in the task that drew them
  // (the WebGL drawing buffer is not kept after it is shown).
  after() {
    if (!this.on || this.moving()) return;
    const { width, height } = this.edges;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const ctx = this.canvas.getContext('2d');
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.edges, 0, 0);
    this.taken = this.ends();
  }
}
